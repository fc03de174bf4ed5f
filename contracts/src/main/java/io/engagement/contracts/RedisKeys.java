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

    /**
     * Hash of one bucket: field = content id, value = the input offset of the totals record last written for it.
     * Only a newer record may overwrite (a slow instance after a rebalance, or a rebuild racing live writes).
     */
    public String versions(long bucketStartMs) {
        return prefix + "ver:" + bucketStartMs;
    }

    /**
     * String without expiry, set by the first write into an empty Redis: its absence on a later write means Redis
     * lost its data (a restart without persistence, a flush, an eviction), and the live window must be rebuilt.
     */
    public String epoch() {
        return prefix + "epoch";
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
