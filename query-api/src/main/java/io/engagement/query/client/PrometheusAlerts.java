package io.engagement.query.client;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of /api/v1/alerts: every pending or firing alert with its labels and annotations. */
@RegisterForReflection
public record PrometheusAlerts(String status, Data data) {

    @RegisterForReflection
    public record Data(List<Alert> alerts) {
    }

    @RegisterForReflection
    public record Alert(Map<String, String> labels, Map<String, String> annotations, String state) {
    }
}
