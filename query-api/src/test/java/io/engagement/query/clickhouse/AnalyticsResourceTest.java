package io.engagement.query.clickhouse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rows go into PostgreSQL's engagement_events/content; the ClickHouse rows are derived from them in SQL (each event
 * written twice: live and as a backfill replay), and every endpoint must equal the same aggregate computed on PostgreSQL.
 */
@QuarkusTest
@WithTestResource(AnalyticsDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsResourceTest {
    private static final String PG_URL = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:55432/engagement");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String[] TYPES = {"play", "pause", "finish", "click"};
    private static final String[] DEVICES = {"ios", "android", "web-safari", null};
    private static final String SECONDS = "coalesce(sum(round(e.duration_ms / 1000.0, 3)), 0)";
    private static final String PCT = "CASE WHEN c.length_seconds > 0 AND e.duration_ms IS NOT NULL"
            + " THEN round(100 * round(e.duration_ms / 1000.0, 3) / c.length_seconds, 2) END";

    // A random day in 2021: far outside every live window, and our database holds only our rows.
    private final Instant start = Instant.parse("2021-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS);
    private final Instant end = start.plus(3, ChronoUnit.DAYS);
    private final List<UUID> contents = new ArrayList<>();

    @BeforeAll
    void seed() throws SQLException {
        try (Connection pg = DriverManager.getConnection(PG_URL, "pipeline", "pipeline")) {
            Object[][] catalogue = {{"podcast", 1800}, {"video", 600}, {"newsletter", null}, {"podcast", 0}};
            try (PreparedStatement insert = pg.prepareStatement("INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Object[] item : catalogue) {
                    UUID id = UUID.randomUUID();
                    contents.add(id);
                    insert.setObject(1, id);
                    insert.setString(2, "analytics-" + id);
                    insert.setString(3, "Analytics " + id);
                    insert.setString(4, (String) item[0]);
                    insert.setObject(5, item[1]);
                    insert.setTimestamp(6, Timestamp.from(start.minus(10, ChronoUnit.DAYS)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                users.add(UUID.randomUUID());
            }
            try (PreparedStatement insert = pg.prepareStatement("INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device, raw_payload) VALUES (?, ?, ?, ?, ?, ?, '{}'::jsonb)")) {
                for (int i = 0; i < 600; i++) {
                    String type = TYPES[random.nextInt(TYPES.length)];
                    insert.setObject(1, contents.get(random.nextInt(contents.size())));
                    insert.setObject(2, users.get(random.nextInt(users.size())));
                    insert.setString(3, type);
                    insert.setTimestamp(4, Timestamp.from(start.plusMillis(random.nextLong(end.toEpochMilli() - start.toEpochMilli()))));
                    insert.setObject(5, "click".equals(type) ? null : random.nextInt(1, 900_000));
                    insert.setString(6, DEVICES[random.nextInt(DEVICES.length)]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            // Live copy, then a backfill replay of every event: a newer processed version of the same event ids.
            loadIntoClickHouse(pg, "c", 1_000, 0, null);
            loadIntoClickHouse(pg, "r", 2_000, 0, null);
            // Corrections and deletions at the source, then in ClickHouse as newer versions, as the pipeline writes
            // them: every comparison with PostgreSQL below holds only if analytics read the newest live version.
            Long[] corrected = ids(pg, "UPDATE engagement_events SET duration_ms = duration_ms / 2 + 1,"
                    + " event_ts = event_ts + interval '20 hours', content_id = ?::uuid WHERE id IN (SELECT id FROM"
                    + " engagement_events WHERE content_id = ANY (?) ORDER BY id LIMIT 60) RETURNING id", true);
            loadIntoClickHouse(pg, "u", 3_000, 7, corrected);
            Long[] deleted = ids(pg, "DELETE FROM engagement_events WHERE id IN (SELECT id FROM engagement_events"
                    + " WHERE content_id = ANY (?) ORDER BY id DESC LIMIT 60) RETURNING id", false);
            StringBuilder notices = new StringBuilder();
            for (Long id : deleted) {
                notices.append("{\"event_id\":").append(id).append(",\"slug\":\"\",\"title\":\"\",\"op\":\"d\","
                        + "\"source_ts_ms\":0,\"processed_ts_ms\":3000,\"version\":7,\"is_deleted\":1}\n");
            }
            AnalyticsDatabase.post(AnalyticsDatabase.database, "INSERT INTO engagement_events FORMAT JSONEachRow",
                    notices.toString());
        }
    }

    private Long[] ids(Connection pg, String sql, boolean moveToFirstContent) throws SQLException {
        try (PreparedStatement change = pg.prepareStatement(sql)) {
            int p = 1;
            if (moveToFirstContent) {
                change.setString(p++, contents.get(0).toString());
            }
            change.setArray(p, pg.createArrayOf("uuid", contents.toArray()));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = change.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.toArray(Long[]::new);
        }
    }

    /** The source rows of our contents (or of {@code only} these ids) as the loader writes them, at {@code version}. */
    private void loadIntoClickHouse(Connection pg, String op, long processedTsMs, long version, Long[] only)
            throws SQLException {
        String sql = "SELECT json_build_object('event_id', e.id, 'content_id', e.content_id, 'user_id', e.user_id,"
                + " 'event_type', e.event_type, 'event_ts', to_char(e.event_ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"
                + " 'event_ts_ms', floor(extract(epoch FROM e.event_ts) * 1000)::bigint, 'duration_ms', e.duration_ms,"
                + " 'engagement_seconds', round(e.duration_ms / 1000.0, 3), 'engagement_pct', " + PCT + ","
                + " 'device', e.device, 'raw_payload', e.raw_payload::text, 'slug', c.slug, 'title', c.title,"
                + " 'content_type', c.content_type, 'length_seconds', c.length_seconds, 'op', ?, 'source_ts_ms', 0,"
                + " 'processed_ts_ms', ?, 'version', ?)::text FROM engagement_events e"
                + " JOIN content c ON c.id = e.content_id WHERE c.id = ANY (?)"
                + (only == null ? "" : " AND e.id = ANY (?)");
        StringBuilder rows = new StringBuilder();
        try (PreparedStatement select = pg.prepareStatement(sql)) {
            select.setString(1, op);
            select.setLong(2, processedTsMs);
            select.setLong(3, version);
            select.setArray(4, pg.createArrayOf("uuid", contents.toArray()));
            if (only != null) {
                select.setArray(5, pg.createArrayOf("bigint", only));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('\n');
                }
            }
        }
        AnalyticsDatabase.post(AnalyticsDatabase.database, "INSERT INTO engagement_events FORMAT JSONEachRow", rows.toString());
    }

    @Test
    void contentSeriesEqualsPostgresForEveryGranularity() throws Exception {
        UUID content = contents.get(0);
        Instant dayFrom = start.plus(1, ChronoUnit.DAYS);
        Instant dayTo = dayFrom.plus(1, ChronoUnit.DAYS).plusMillis(12_345);
        expectSeries(content, "minute", dayFrom, dayTo);
        expectSeries(content, "hour", start, end);
        expectSeries(content, "day", start, end);
    }

    private void expectSeries(UUID content, String granularity, Instant from, Instant to) throws Exception {
        List<String> expected = postgres("SELECT to_char(date_trunc('" + granularity + "', e.event_ts AT TIME ZONE 'UTC'), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), count(*), "
                + SECONDS + ", count(DISTINCT e.user_id) FROM engagement_events e JOIN content c ON c.id = e.content_id"
                + " WHERE e.content_id = '" + content + "' AND e.event_ts >= '" + from + "' AND e.event_ts < '" + to + "'"
                + " GROUP BY 1 ORDER BY 1", 4);
        JsonNode body = get("/analytics/content/" + content + "?granularity=" + granularity + "&from=" + from + "&to=" + to);
        List<String> actual = new ArrayList<>();
        body.forEach(p -> actual.add(String.join("|", p.get("bucketStart").asText(), p.get("events").asText(),
                decimal(p.get("engagementSeconds")), p.get("users").asText())));
        assertThat(expected).as(granularity).isNotEmpty();
        assertThat(actual).as(granularity).isEqualTo(expected);
    }

    @Test
    void topEqualsPostgresForEachRankingAndFilter() throws Exception {
        String base = "SELECT c.id::text, c.slug, c.title, coalesce(c.content_type, ''), count(*) AS events, " + SECONDS
                + " AS seconds, round(avg(" + PCT + "), 2) AS completion, count(*) FILTER (WHERE e.event_type = 'finish')"
                + " FROM engagement_events e JOIN content c ON c.id = e.content_id WHERE c.id = ANY (ARRAY["
                + String.join(",", contents.stream().map(id -> "'" + id + "'::uuid").toList()) + "])"
                + " AND e.event_ts >= '" + start + "' AND e.event_ts < '" + end + "'";
        for (String[] by : new String[][] {{"seconds", "seconds"}, {"events", "events"}, {"completion", "completion"}}) {
            List<String> expected = postgres(base + " GROUP BY c.id ORDER BY " + by[1] + " DESC NULLS LAST, c.id::text LIMIT 3", 8);
            assertThat(top("by=" + by[0] + "&limit=3")).as(by[0]).isEqualTo(expected);
        }
        List<String> podcasts = postgres(base + " AND c.content_type = 'podcast' GROUP BY c.id ORDER BY seconds DESC, c.id::text", 8);
        assertThat(podcasts).hasSize(2);
        assertThat(top("by=seconds&content_type=podcast&limit=10")).isEqualTo(podcasts);
    }

    private List<String> top(String query) throws Exception {
        List<String> actual = new ArrayList<>();
        get("/analytics/top?from=" + start + "&to=" + end + "&" + query).forEach(r -> actual.add(String.join("|",
                r.get("contentId").asText(), r.get("slug").asText(), r.get("title").asText(), r.path("contentType").asText(""),
                r.get("events").asText(), decimal(r.get("engagementSeconds")), decimal(r.get("avgCompletionPct")),
                r.get("finishes").asText())));
        return actual;
    }

    @Test
    void devicesEqualPostgres() throws Exception {
        List<String> expected = postgres("SELECT coalesce(e.device, ''), count(*) AS events, " + SECONDS
                + ", count(DISTINCT e.user_id) FROM engagement_events e JOIN content c ON c.id = e.content_id"
                + " WHERE c.id = ANY (ARRAY[" + String.join(",", contents.stream().map(id -> "'" + id + "'::uuid").toList())
                + "]) AND e.event_ts >= '" + start + "' AND e.event_ts < '" + end + "' GROUP BY 1 ORDER BY events DESC, 1", 4);
        List<String> actual = new ArrayList<>();
        get("/analytics/devices?from=" + start + "&to=" + end).forEach(d -> actual.add(String.join("|",
                d.get("device").asText(), d.get("events").asText(), decimal(d.get("engagementSeconds")), d.get("users").asText())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void badParametersAreProblems() {
        String[] bad = {
                "/analytics/content/not-a-uuid",
                "/analytics/content/" + UUID.randomUUID() + "?granularity=week",
                "/analytics/content/" + UUID.randomUUID() + "?granularity=minute&from=2021-01-01T00:00:00Z&to=2021-02-01T00:00:00Z",
                "/analytics/top?from=2021-02-01T00:00:00Z&to=2021-01-01T00:00:00Z",
                "/analytics/top?from=yesterday",
                "/analytics/top?by=likes",
                "/analytics/top?limit=0",
                "/analytics/top?content_type=audiobook",
                "/analytics/devices?to=2021-13-01T00:00:00Z"};
        for (String path : bad) {
            given().get(path).then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }

    @Test
    void aRangeBeyondTheConfiguredMaximumIsRefusedBeforeAnyScan() {
        // pipeline.analytics.max-range (93 days): a multi-year FINAL scan over raw events is not an API request.
        for (String path : new String[] {"/analytics/top?from=2021-01-01T00:00:00Z&to=2021-06-01T00:00:00Z",
                "/analytics/devices?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z",
                "/analytics/content/" + UUID.randomUUID() + "?granularity=day&from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z"}) {
            given().get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("at most 93 days"));
        }
        given().get("/analytics/top?from=2021-01-01T00:00:00Z&to=2021-04-01T00:00:00Z").then().statusCode(200);
    }

    @Test
    void analyticsAreDocumentedInOpenApi() {
        String spec = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(spec).contains("/analytics/content/{id}", "/analytics/top", "/analytics/devices", "granularity");
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
    }

    private static List<String> postgres(String sql, int columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection pg = DriverManager.getConnection(PG_URL, "pipeline", "pipeline");
                ResultSet rs = pg.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    cells.add(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value == null ? "" : value.toString());
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }

    private static String decimal(JsonNode node) {
        return node == null || node.isNull() ? "" : node.decimalValue().stripTrailingZeros().toPlainString();
    }
}
