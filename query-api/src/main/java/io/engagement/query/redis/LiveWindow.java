package io.engagement.query.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets a window covers at a given moment: the current (still filling) bucket and the ones before it.
 * Buckets are chosen by their start time, so a bucket that slid out is excluded even while its key still lives
 * through the grace period.
 */
public record LiveWindow(long startMs, long endMs, List<Long> bucketStarts) {

    public static LiveWindow at(long nowMs, long bucketMs, int bucketCount) {
        long current = Math.floorDiv(nowMs, bucketMs) * bucketMs;
        List<Long> starts = new ArrayList<>(bucketCount);
        for (int i = bucketCount - 1; i >= 0; i--) {
            starts.add(current - i * bucketMs);
        }
        return new LiveWindow(starts.get(0), current + bucketMs, List.copyOf(starts));
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMs);
    }

    public Instant end() {
        return Instant.ofEpochMilli(endMs);
    }
}
