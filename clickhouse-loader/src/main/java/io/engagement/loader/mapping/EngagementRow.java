package io.engagement.loader.mapping;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.engagement.contracts.EnrichedEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One version of an event as a row of the {@code engagement_events} table, written by JSONEachRow (snake_case
 * through the shared mapper). {@code event_ts} is text because 18.16 parses only {@code yyyy-MM-dd HH:mm:ss} into
 * DateTime; the milliseconds that DateTime drops are kept in {@code event_ts_ms}. A deletion is a row with
 * {@code is_deleted = 1} and the same id: its other fields are what was last known, null when nothing was.
 */
@RegisterForReflection
public record EngagementRow(
        long eventId,
        UUID contentId,
        UUID userId,
        String eventType,
        String eventTs,
        Long eventTsMs,
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
        long version,
        int isDeleted) {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public static EngagementRow of(EnrichedEvent e) {
        return new EngagementRow(e.eventId(), e.contentId(), e.userId(), e.eventType(),
                e.eventTs() == null ? null : DATE_TIME.format(e.eventTs()),
                e.eventTs() == null ? null : e.eventTs().toEpochMilli(), e.durationMs(), e.engagementSeconds(),
                e.engagementPct(), e.device(), e.rawPayload(), nullToEmpty(e.slug()), nullToEmpty(e.title()),
                e.contentType(), e.lengthSeconds(), nullToEmpty(e.op()), e.sourceTsMs(), e.processedTsMs(), e.version(),
                e.deleted() ? 1 : 0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
