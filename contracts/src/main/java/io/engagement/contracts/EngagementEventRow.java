package io.engagement.contracts;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An {@code engagement_events} row as Debezium writes it; {@code rawPayload} is JSONB, delivered as a JSON string. */
@RegisterForReflection
public record EngagementEventRow(Long id, UUID contentId, UUID userId, String eventType, Instant eventTs,
        Integer durationMs, String device, String rawPayload) {
}
