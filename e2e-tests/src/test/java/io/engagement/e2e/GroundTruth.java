package io.engagement.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The expected state of every sink, computed independently in SQL from the source tables — never from the
 * pipeline's own code.
 */
final class GroundTruth {
    /**
     * What the enrichment rules accept (docs/design.md; limits as configured in the stream-processor). The size
     * rule (max-event-bytes, 512 KiB of the row as JSON) is measured on PostgreSQL's JSON of the row: close enough for
     * rows that are far from the limit either way, as every row the tests write is.
     */
    static final String VALID = """
            e.content_id IS NOT NULL AND e.event_type IN ('play', 'pause', 'finish', 'click')
            AND e.event_ts > now() - interval '3650 days' AND e.event_ts <= now() + interval '300 seconds'
            AND (e.duration_ms IS NULL OR e.duration_ms BETWEEN 0 AND 86400000)
            AND octet_length(row_to_json(e)::text) <= 524288""";

    /** One enriched row as SQL derives it. */
    record Expected(long eventId, UUID contentId, String eventType, Integer durationMs, BigDecimal engagementSeconds,
            BigDecimal engagementPct, String slug, String contentType, Integer lengthSeconds, String device) {
    }

    record Totals(BigDecimal engagementSeconds, long events) {
    }

    private GroundTruth() {
    }

    static long maxEventId() throws Exception {
        try (Connection conn = Stack.postgres();
                ResultSet rows = conn.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM engagement_events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Map<Long, Expected> validEvents(long after, long upTo) throws Exception {
        Map<Long, Expected> expected = new LinkedHashMap<>();
        try (Connection conn = Stack.postgres();
                PreparedStatement query = conn.prepareStatement("""
                        SELECT e.id, e.content_id, e.event_type, e.duration_ms,
                               round(e.duration_ms / 1000.0, 3) AS seconds,
                               CASE WHEN c.length_seconds > 0 AND e.duration_ms IS NOT NULL
                                    THEN round(100 * round(e.duration_ms / 1000.0, 3) / c.length_seconds, 2) END AS pct,
                               c.slug, c.content_type, c.length_seconds, e.device
                        FROM engagement_events e JOIN content c ON c.id = e.content_id
                        WHERE e.id > ? AND e.id <= ? """ + " AND (" + VALID + ") ORDER BY e.id")) {
            query.setLong(1, after);
            query.setLong(2, upTo);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    expected.put(rows.getLong(1), new Expected(rows.getLong(1), (UUID) rows.getObject(2),
                            rows.getString(3), (Integer) rows.getObject(4), rows.getBigDecimal(5),
                            rows.getBigDecimal(6), rows.getString(7), rows.getString(8), (Integer) rows.getObject(9),
                            rows.getString(10)));
                }
            }
        }
        return expected;
    }

    static Set<Long> invalidEvents(long after, long upTo) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (Connection conn = Stack.postgres();
                PreparedStatement query = conn.prepareStatement(
                        "SELECT e.id FROM engagement_events e WHERE e.id > ? AND e.id <= ? AND NOT coalesce((" + VALID + "), false)")) {
            query.setLong(1, after);
            query.setLong(2, upTo);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Per-content totals of valid events with event_ts in [from, to): what the live window must show. */
    static Map<UUID, Totals> windowTotals(Instant from, Instant to) throws Exception {
        Map<UUID, Totals> totals = new HashMap<>();
        try (Connection conn = Stack.postgres();
                PreparedStatement query = conn.prepareStatement("""
                        SELECT e.content_id, coalesce(sum(round(e.duration_ms / 1000.0, 3)), 0), count(*)
                        FROM engagement_events e
                        WHERE e.event_ts >= ? AND e.event_ts < ? """ + " AND (" + VALID + ") GROUP BY e.content_id")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    totals.put((UUID) rows.getObject(1), new Totals(rows.getBigDecimal(2), rows.getLong(3)));
                }
            }
        }
        return totals;
    }
}
