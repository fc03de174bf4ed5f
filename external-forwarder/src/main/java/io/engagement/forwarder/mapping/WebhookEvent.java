package io.engagement.forwarder.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event in the external system's format (snake_case on the wire).
 *
 * @param type           play, pause, finish or click
 * @param occurredAt     when the user engaged (event time)
 * @param engagedSeconds seconds of engagement, null when the client sent no duration
 * @param engagedPct     percentage of the content's length, null when unknown
 * @param clientPayload  whatever extra JSON the client sent
 * @param replay         true when re-sent by a backfill; the event id is unchanged so receivers can dedupe
 * @param committedAt    when the source database committed the event
 * @param change         {@code insert}, {@code update} (replaces the event's earlier version), {@code delete} (the
 *                       event no longer exists; the other fields are its last known values, null when unknown) or
 *                       {@code replay} (a backfill re-sent it unchanged)
 * @param version        the change's position in the source: per event id a higher version replaces a lower one,
 *                       and a lower one arriving late must be ignored
 */
@RegisterForReflection
public record WebhookEvent(
        long eventId,
        UUID contentId,
        UUID userId,
        String type,
        Instant occurredAt,
        BigDecimal engagedSeconds,
        BigDecimal engagedPct,
        String device,
        JsonNode clientPayload,
        Content content,
        boolean replay,
        Instant committedAt,
        String change,
        long version) {

    @RegisterForReflection
    public record Content(String slug, String title, String type, Integer lengthSeconds) {
    }
}
