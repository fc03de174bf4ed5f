package io.engagement.query.clickhouse;

import java.time.Duration;

/** Bucket size of a content time series, with the ClickHouse function that truncates to it and the widest range allowed. */
public enum Granularity {
    MINUTE("toStartOfMinute", Duration.ofDays(2)),
    HOUR("toStartOfHour", Duration.ofDays(93)),
    DAY("toStartOfDay", Duration.ofDays(3_660));

    private final String truncate;
    private final Duration maxRange;

    Granularity(String truncate, Duration maxRange) {
        this.truncate = truncate;
        this.maxRange = maxRange;
    }

    String truncate(String column) {
        return truncate + "(" + column + ", 'UTC')";
    }

    public Duration maxRange() {
        return maxRange;
    }
}
