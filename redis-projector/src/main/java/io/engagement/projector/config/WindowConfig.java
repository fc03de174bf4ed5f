package io.engagement.projector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live window: {@code buckets} buckets of {@code bucketSeconds}, kept {@code graceSeconds} longer for late updates. */
@ConfigMapping(prefix = "pipeline.window")
public interface WindowConfig {

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
