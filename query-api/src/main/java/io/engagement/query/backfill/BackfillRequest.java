package io.engagement.query.backfill;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /admin/backfill; every field optional. */
@RegisterForReflection
public record BackfillRequest(
        @Schema(description = "re-read events with event_ts >= from (ISO-8601)") Instant from,
        @Schema(description = "re-read events with event_ts < to (ISO-8601)") Instant to,
        @Schema(description = "tables to re-read: engagement_events (default) and/or content") List<String> tables) {
}
