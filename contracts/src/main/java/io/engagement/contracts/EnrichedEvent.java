package io.engagement.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One version of an engagement event joined with the content row current when it was processed. The topic is a
 * changelog: per {@code event_id} the version with the highest {@code version} is what PostgreSQL holds now.
 *
 * @param engagementSeconds {@code duration_ms / 1000}, 3 decimals; null when the duration is null
 * @param engagementPct     {@code round(100 * engagement_seconds / length_seconds, 2)}; null when either is null or length ≤ 0
 * @param op                {@code c} insert, {@code u} correction (replaces the earlier version), {@code d} deletion
 *                          notice (the event no longer exists; fields other than the id are its last known values,
 *                          null when unknown), {@code r} snapshot or backfill replay (same content, counts nothing)
 * @param sourceTsMs        commit time in PostgreSQL
 * @param processedTsMs     when the stream-processor emitted it
 * @param version           the change's source position (PostgreSQL WAL LSN, Debezium {@code source.lsn}; 0 when
 *                          unknown): a higher version of the same event id replaces a lower one in every sink
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
        long processedTsMs,
        long version) {

    /** True for a deletion notice. Not a JSON field: {@code op} already says it. */
    @JsonIgnore
    public boolean deleted() {
        return CdcOp.DELETE.equals(op);
    }
}
