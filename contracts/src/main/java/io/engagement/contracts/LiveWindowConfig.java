package io.engagement.contracts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The live window's bucket grid, shared by the stream-processor (which totals per bucket), redis-projector (which
 * stores and expires buckets) and query-api (which unions them): {@code buckets} buckets of {@code bucketSeconds},
 * kept {@code graceSeconds} longer for late updates. Every service reads the same {@code pipeline.window.*} settings.
 */
@ConfigMapping(prefix = "pipeline.window")
public interface LiveWindowConfig {

    @WithDefault("10")
    int bucketSeconds();

    @WithDefault("60")
    int buckets();

    @WithDefault("60")
    int graceSeconds();

    /** How long after its start a bucket may still change the live list; its keys expire then. */
    default long retentionMs() {
        return (long) bucketSeconds() * buckets() * 1000 + graceSeconds() * 1000L;
    }

    default long bucketMs() {
        return bucketSeconds() * 1000L;
    }

    /** A bucket this old would expire the moment it is written, and writing it would resurrect a dead key. */
    default boolean isExpired(long bucketStartMs, long nowMs) {
        return bucketStartMs + retentionMs() <= nowMs;
    }

    /**
     * Absolute expiry of a bucket's keys: the same for every redelivery, so TTLs are idempotent too. Buckets
     * stamped in the future (client clocks) are treated as current so no key outlives window + grace.
     */
    default long expireAtMs(long bucketStartMs, long nowMs) {
        return Math.min(bucketStartMs, nowMs) + retentionMs();
    }
}
