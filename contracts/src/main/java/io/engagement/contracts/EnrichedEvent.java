package io.engagement.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One engagement event joined with the content row current when it was processed.
 *
 * @param engagementSeconds {@code duration_ms / 1000}, 3 decimals; null when the duration is null
 * @param engagementPct     {@code round(100 * engagement_seconds / length_seconds, 2)}; null when either is null or length ≤ 0
 * @param op                {@code c} live, {@code r} snapshot or backfill replay
 * @param sourceTsMs        commit time in PostgreSQL
 * @param processedTsMs     when the stream-processor emitted it (also the ClickHouse version column)
 */
@RegisterForReflection
public record EnrichedEvent(
        long eventId,
        UUID contentId,
        UUID userId,
        String eventType,
        Instant eventTs,
        Integer durationMs,
        BigDecimal engagementSeconds,
        BigDecimal engagementPct,
        String device,
        String rawPayload,
        String slug,
        String title,
        String contentType,
        Integer lengthSeconds,
        String op,
        long sourceTsMs,
        long processedTsMs) {
}
