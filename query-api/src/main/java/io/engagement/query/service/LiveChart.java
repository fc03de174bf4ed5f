package io.engagement.query.service;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One chart of the live page: its dashboard panel's series over the range, aligned on shared timestamps (Unix
 * seconds) the way the chart library takes them; a missing or NaN point is null. {@code queries} are the PromQL
 * that ran, one per panel target (the dashboard's expression with its variables filled in), also when it found no
 * series; each series names the refId of the query it came from.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LiveChart(String chart, int dashboardPanel, String title, String unit, List<Double> thresholds,
        long stepSeconds, List<Query> queries, List<Long> timestamps, List<Series> series) {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Query(String refId, String expr) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Series(String name, String refId, List<Double> values) {
    }
}
