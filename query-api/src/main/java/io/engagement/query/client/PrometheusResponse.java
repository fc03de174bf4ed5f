package io.engagement.query.client;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A query answer: {@code value} is one [time, "number"] pair (instant query), {@code values} a list of them
 * (range query). Numbers arrive as strings because they may be NaN or ±Inf.
 */
@RegisterForReflection
public record PrometheusResponse(String status, Data data, String errorType, String error) {

    @RegisterForReflection
    public record Data(String resultType, List<Sample> result) {
    }

    @RegisterForReflection
    public record Sample(Map<String, String> metric, List<Object> value, List<List<Object>> values) {
    }
}
