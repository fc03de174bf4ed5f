package io.engagement.contracts;

/** Every topic the services exchange records on. Names are fixed; the pipeline creates them up front. */
public final class Topics {
    /** Debezium change events of the {@code content} table (compacted, key {"id": uuid}). */
    public static final String CONTENT_CDC = "pg.public.content";
    /** Debezium change events of the {@code engagement_events} table (key {"id": long}). */
    public static final String EVENTS_CDC = "pg.public.engagement_events";
    /** One {@link EnrichedEvent} per captured event row, key = content id. */
    public static final String ENRICHED = "engagements.enriched";
    /** Absolute per-content totals for one event-time bucket, key = {@link ContentBucketTotals#key()}. */
    public static final String BY_CONTENT_10S = "engagements.by-content.10s";
    /** Records any stage could not process: original bytes, reason in {@link DlqHeaders}. */
    public static final String DLQ = "engagements.dlq";

    private Topics() {
    }
}
