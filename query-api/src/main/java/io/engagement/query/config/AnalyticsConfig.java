package io.engagement.query.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds of the ClickHouse-backed {@code /analytics/*}: every query reads FINAL over raw events, so its cost grows
 * with the range. Env: PIPELINE_ANALYTICS_MAX_RANGE, PIPELINE_ANALYTICS_MAX_EXECUTION_TIME.
 */
@ConfigMapping(prefix = "pipeline.analytics")
public interface AnalyticsConfig {

    /** Longest from–to range any analytics request may ask for (minute buckets are capped lower, at 2 days). */
    @WithDefault("93d")
    Duration maxRange();

    /**
     * ClickHouse's max_execution_time for each analytics query (whole seconds): the server stops a query past it and
     * the request answers 503. Below clickhouse.socket-timeout-ms, so the server gives up before the client does.
     */
    @WithDefault("8s")
    Duration maxExecutionTime();
}
