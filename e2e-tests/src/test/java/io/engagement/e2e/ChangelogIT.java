package io.engagement.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Corrections and deletions at the source end in every sink as PostgreSQL holds the rows now: ClickHouse's live rows,
 * the live window per bucket ({@code /content/{id}/stats}), {@code /top-content} and the receiver's ledger. One
 * event per kind of change, each in its own transaction, and a backfill replay after them all that changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangelogIT {
    private static final Duration SETTLE = Progress.STALL;
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private Instant eventTs;
    private long[] ids;

    @BeforeAll
    void insertOneEventPerCase() throws Exception {
        Fleet.start();
        Stack.setRate(0);
        // In the middle of a 10 s bucket a minute ago: well inside the live window for the whole test.
        Instant minuteAgo = Instant.now().minusSeconds(60);
        eventTs = minuteAgo.truncatedTo(ChronoUnit.MINUTES).plusSeconds(minuteAgo.getEpochSecond() % 60 / 10 * 10 + 5);
        try (Connection pg = Stack.postgres()) {
            for (UUID content : new UUID[] {first, second}) {
                update(pg, "INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)"
                        + " VALUES (?::uuid, ?, ?, 'podcast', 600, now() - interval '1 day')",
                        content.toString(), "changelog-" + content, "Changelog " + content);
            }
            ids = new long[8];
            for (int i = 0; i < ids.length; i++) {
                try (PreparedStatement insert = pg.prepareStatement("INSERT INTO engagement_events (content_id, user_id,"
                        + " event_type, event_ts, duration_ms, device, raw_payload) VALUES (?, ?, 'play', ?, ?, 'ios',"
                        + " '{}'::jsonb) RETURNING id")) {
                    insert.setObject(1, first);
                    insert.setObject(2, UUID.randomUUID());
                    insert.setTimestamp(3, Timestamp.from(eventTs.plusMillis(i)));
                    insert.setInt(4, 10_000 + 1_000 * i);
                    try (ResultSet id = insert.executeQuery()) {
                        id.next();
                        ids[i] = id.getLong(1);
                    }
                }
            }
        }
        Set<Long> all = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        Sinks.awaitCaughtUp(all, ids[0] - 1, ids[ids.length - 1]);
    }

    @Test
    @Order(1)
    void everyKindOfChangeEndsInEverySinkAsPostgresHoldsIt() throws Exception {
        try (Connection pg = Stack.postgres()) {
            update(pg, "UPDATE engagement_events SET duration_ms = 25000 WHERE id = ?", ids[0]);
            update(pg, "UPDATE engagement_events SET event_ts = event_ts - interval '20 seconds' WHERE id = ?", ids[1]);
            update(pg, "UPDATE engagement_events SET content_id = ?::uuid WHERE id = ?", second.toString(), ids[2]);
            update(pg, "UPDATE engagement_events SET event_type = 'click', duration_ms = NULL WHERE id = ?", ids[3]);
            update(pg, "UPDATE engagement_events SET duration_ms = 11111 WHERE id = ?", ids[4]);
            update(pg, "UPDATE engagement_events SET duration_ms = 22222 WHERE id = ?", ids[4]);
            update(pg, "DELETE FROM engagement_events WHERE id = ?", ids[5]);
            update(pg, "UPDATE engagement_events SET duration_ms = 30000, content_id = ?::uuid WHERE id = ?",
                    second.toString(), ids[6]);
            update(pg, "DELETE FROM engagement_events WHERE id = ?", ids[6]);
            // ids[7] stays as inserted.
        }
        awaitEverySinkEqualsPostgres();
        TopContentTruth.assertTopContentEqualsSql();
    }

    @Test
    @Order(2)
    void aReplayAfterTheChangesChangesNothing() throws Exception {
        String range = "{\"from\": \"" + eventTs.minusSeconds(60) + "\", \"to\": \"" + eventTs.plusSeconds(60) + "\"}";
        Backfills.awaitDone(Backfills.start(range));
        long live = postgresRows().size();
        Progress.await("replays of the live rows in ClickHouse", live, () -> Stack.clickhouseLong(
                "SELECT count() FROM " + Stack.CLICKHOUSE_LIVE + " AND op = 'r' AND event_id IN (" + idList() + ")"));

        awaitEverySinkEqualsPostgres();
        TopContentTruth.assertTopContentEqualsSql();
    }

    private void awaitEverySinkEqualsPostgres() {
        await("every sink equals PostgreSQL").atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<Long, String> rows = postgresRows();
            assertEquals(rows, clickhouseRows(), "ClickHouse live rows (FINAL, is_deleted = 0)");
            assertEquals(receiverView(rows), receiverRows(), "the receiver's ledger: newest version per event id");
            for (UUID content : new UUID[] {first, second}) {
                assertEquals(postgresBuckets(content), LiveWindow.apiBuckets(content), "/content/" + content + "/stats buckets");
            }
        });
    }

    /** event id → content|type|duration_ms|event_ts_ms of the valid rows PostgreSQL holds now. */
    private Map<Long, String> postgresRows() throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection pg = Stack.postgres();
                PreparedStatement query = pg.prepareStatement("SELECT e.id, e.content_id, e.event_type, e.duration_ms,"
                        + " floor(extract(epoch FROM e.event_ts) * 1000)::bigint FROM engagement_events e"
                        + " WHERE e.id = ANY (?) AND (" + GroundTruth.VALID + ")")) {
            query.setArray(1, idArray(pg));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), rs.getObject(2) + "|" + rs.getString(3) + "|" + rs.getObject(4) + "|"
                            + rs.getLong(5));
                }
            }
        }
        return rows;
    }

    private Map<Long, String> clickhouseRows() {
        Map<Long, String> rows = new TreeMap<>();
        for (String[] row : Stack.clickhouse("SELECT event_id, toString(content_id), toString(event_type),"
                + " ifNull(toString(duration_ms), 'null'), toString(event_ts_ms) FROM " + Stack.CLICKHOUSE_LIVE
                + " AND event_id IN (" + idList() + ")")) {
            rows.put(Long.parseLong(row[0]), String.join("|", row[1], row[2], row[3], row[4]));
        }
        return rows;
    }

    /** What the receiver must hold for these rows: content|type|engaged seconds (it gets seconds, not ms). */
    private static Map<Long, String> receiverView(Map<Long, String> postgres) {
        Map<Long, String> view = new TreeMap<>();
        postgres.forEach((id, row) -> {
            String[] f = row.split("\\|");
            view.put(id, f[0] + "|" + f[1] + "|" + ("null".equals(f[2]) ? "null"
                    : new BigDecimal(f[2]).movePointLeft(3).stripTrailingZeros().toPlainString()));
        });
        return view;
    }

    private Map<Long, String> receiverRows() {
        Map<Long, String> rows = new TreeMap<>();
        for (JsonNode entry : Stack.json("GET", Stack.RECEIVER + "/received/events?ids=" + idList(), null)) {
            JsonNode event = entry.path("event");
            if (!"delete".equals(event.path("change").asText())) {
                JsonNode seconds = event.path("engaged_seconds");
                rows.put(event.path("event_id").asLong(), event.path("content_id").asText() + "|"
                        + event.path("type").asText() + "|"
                        + (seconds.isNull() ? "null" : seconds.decimalValue().stripTrailingZeros().toPlainString()));
            }
        }
        return rows;
    }

    /** bucket start → events|seconds of this test's valid rows of one content (LiveWindow's format). */
    private Map<Instant, String> postgresBuckets(UUID content) throws SQLException {
        Map<Instant, String> buckets = new TreeMap<>();
        try (Connection pg = Stack.postgres();
                PreparedStatement query = pg.prepareStatement("SELECT floor(extract(epoch FROM e.event_ts) / 10)::bigint"
                        + " * 10, count(*), coalesce(sum(round(e.duration_ms / 1000.0, 3)), 0) FROM engagement_events e"
                        + " WHERE e.content_id = ? AND e.id = ANY (?) AND (" + GroundTruth.VALID + ") GROUP BY 1")) {
            query.setObject(1, content);
            query.setArray(2, idArray(pg));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    buckets.put(Instant.ofEpochSecond(rs.getLong(1)), LiveWindow.bucket(rs.getLong(2), rs.getBigDecimal(3)));
                }
            }
        }
        return buckets;
    }

    private String idList() {
        return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    private Array idArray(Connection pg) throws SQLException {
        return pg.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray());
    }

    private static void update(Connection pg, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
