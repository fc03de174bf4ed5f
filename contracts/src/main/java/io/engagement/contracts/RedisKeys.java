package io.engagement.contracts;

import java.util.UUID;

/**
 * The Redis key layout redis-projector writes and query-api reads (documented in redis-projector/README.md).
 * Bucket keys carry the bucket start so a reader derives the live keys of a window from the clock alone.
 *
 * @param prefix prepended to every key; lets tests and tenants share one Redis without seeing each other
 */
public record RedisKeys(String prefix) {

    /** Sorted set of one bucket: member = content id, score = absolute engagement seconds. */
    public String topSeconds(long bucketStartMs) {
        return prefix + "top:secs:" + bucketStartMs;
    }

    /** Sorted set of one bucket: member = content id, score = absolute event count. */
    public String topEvents(long bucketStartMs) {
        return prefix + "top:events:" + bucketStartMs;
    }

    /** Hash of one bucket: field = content id, value = {@link BucketStatsValue#encode()}. */
    public String stats(long bucketStartMs) {
        return prefix + "stats:" + bucketStartMs;
    }

    /** String: one content item's metadata as {@link ContentMetadata} JSON. */
    public String content(UUID contentId) {
        return contentPrefix() + contentId;
    }

    /** {@link #content(UUID)} without the id, for scripts that build metadata keys from members they read. */
    public String contentPrefix() {
        return prefix + "content:";
    }

    /** Scratch key a query script unions into and deletes within the same atomic script. */
    public String scratch(String purpose) {
        return prefix + "tmp:" + purpose;
    }
}
