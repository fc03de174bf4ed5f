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

    /** Hash of one content item's totals in one bucket (fields in {@link StatsField}). */
    public String stats(UUID contentId, long bucketStartMs) {
        return prefix + "stats:" + contentId + ":" + bucketStartMs;
    }

    /** Hash of one content item's metadata (fields in {@link ContentField}). */
    public String content(UUID contentId) {
        return contentPrefix() + contentId;
    }

    /** {@link #content(UUID)} without the id, for scripts that build metadata keys from members they read. */
    public String contentPrefix() {
        return prefix + "content:";
    }

    /** Scratch key a query script unions into and deletes within the same atomic script. */
    public String scratch() {
        return prefix + "tmp:union";
    }

    /** Field names of {@link #content(UUID)}. */
    public static final class ContentField {
        public static final String SLUG = "slug";
        public static final String TITLE = "title";
        public static final String CONTENT_TYPE = "content_type";
        public static final String LENGTH_SECONDS = "length_seconds";

        private ContentField() {
        }
    }

    /** Field names of {@link #stats(UUID, long)}. */
    public static final class StatsField {
        public static final String ENGAGEMENT_SECONDS = "engagement_seconds";
        public static final String EVENTS = "events";
        public static final String PLAYS = "plays";
        public static final String PAUSES = "pauses";
        public static final String FINISHES = "finishes";
        public static final String CLICKS = "clicks";
        public static final String MAX_SOURCE_TS_MS = "max_source_ts_ms";

        private StatsField() {
        }
    }
}
