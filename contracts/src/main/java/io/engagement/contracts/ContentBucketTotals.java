package io.engagement.contracts;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Absolute totals of one content item in one event-time bucket. Each update replaces the previous one, so a
 * consumer that sees a record twice writes the same value twice instead of adding it twice.
 *
 * @param bucketStartMs  start of the bucket, epoch millis, a multiple of {@code bucketSeconds * 1000}
 * @param maxSourceTsMs  newest PostgreSQL commit time among the events counted (end-to-end latency reference)
 */
@RegisterForReflection
public record ContentBucketTotals(
        UUID contentId,
        long bucketStartMs,
        int bucketSeconds,
        BigDecimal engagementSeconds,
        long events,
        long plays,
        long pauses,
        long finishes,
        long clicks,
        long maxSourceTsMs,
        String slug,
        String title,
        String contentType,
        Integer lengthSeconds) {

    /** Record key on {@link Topics#BY_CONTENT_10S}: one key per content and bucket, so compaction keeps the latest. */
    public String key() {
        return key(contentId, bucketStartMs);
    }

    public static String key(UUID contentId, long bucketStartMs) {
        return contentId + "@" + bucketStartMs;
    }
}
