package io.engagement.query.clickhouse;

/** What {@code /analytics/top} ranks by; each names the result column it sorts on. */
public enum TopMetric {
    SECONDS("engagement_seconds"),
    EVENTS("events"),
    /** Average engagement_pct of the content's events that have one. */
    COMPLETION("avg_completion_pct");

    final String column;

    TopMetric(String column) {
        this.column = column;
    }
}
