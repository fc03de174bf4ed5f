package io.engagement.query.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The state of each part: the services as Prometheus scrapes them (the dashboard's "Services up" panel),
 * Prometheus itself, and the sinks query-api reads (its own readiness checks); plus the alerts firing.
 * {@code state} is up, down or unknown (Prometheus cannot say).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PartsStatus(Instant checkedAt, List<Part> parts, List<Alert> alerts) {

    @RegisterForReflection
    public record Part(String name, String state, String source, String detail) {
    }

    @RegisterForReflection
    public record Alert(String name, String state, String severity, String summary) {
    }
}
