package io.engagement.loader.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.engagement.loader.support.ClickHouseHttp;

/**
 * The move from the insert-only {@code engagements} table (V1) to the versioned {@code engagement_events} (V2) on the
 * real ClickHouse: every existing row survives with its values, the daily view answers as before, and a later
 * version of a migrated event replaces it.
 */
class ChangelogMigrationTest {
    private static final String URL = System.getenv().getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:58123");
    private final String database = "loader_migration_" + UUID.randomUUID().toString().substring(0, 8);
    private final ClickHouseHttp clickHouse = new ClickHouseHttp(URL, database);
    private final UUID content = UUID.randomUUID();

    @BeforeEach
    void createDatabase() {
        new ClickHouseHttp(URL, "system").query("CREATE DATABASE `" + database + "`");
    }

    @AfterEach
    void dropDatabase() {
        new ClickHouseHttp(URL, "system").query("DROP DATABASE IF EXISTS `" + database + "`");
    }

    @Test
    void rowsOfTheInsertOnlyTableMoveOverAndLaterVersionsReplaceThem() throws IOException {
        apply("V1__engagements.sql");
        clickHouse.query("INSERT INTO engagements FORMAT JSONEachRow\n"
                + row(1, "play", "2026-11-30 10:00:00", 12_500, "c", 100) + "\n"
                + row(2, "finish", "2026-11-30 23:59:59", 3_000, "c", 100) + "\n"
                + row(2, "finish", "2026-11-30 23:59:59", 3_000, "r", 200) + "\n"
                + row(3, "click", "2026-12-01 00:00:01", null, "c", 100));
        String dailyBefore = daily();

        apply("V2__engagement_events.sql");

        assertThat(daily()).isEqualTo(dailyBefore).startsWith("2026-11-30\t2\t15.500\t1\n");
        assertThat(clickHouse.query("SELECT event_id, op, version, is_deleted FROM engagement_events FINAL"
                + " ORDER BY event_id FORMAT TSV")).isEqualTo("1\tc\t0\t0\n2\tr\t0\t0\n3\tc\t0\t0\n");

        // Any change the pipeline writes from now on carries its LSN, so it wins over a migrated row.
        clickHouse.query("INSERT INTO engagement_events (event_id, content_id, event_type, event_ts, event_ts_ms,"
                + " slug, title, op, source_ts_ms, processed_ts_ms, version, is_deleted) FORMAT JSONEachRow\n"
                + "{\"event_id\":1,\"content_id\":\"" + content + "\",\"event_type\":\"play\","
                + "\"event_ts\":\"2026-11-30 10:00:00\",\"event_ts_ms\":0,\"slug\":\"\",\"title\":\"\",\"op\":\"d\","
                + "\"source_ts_ms\":1,\"processed_ts_ms\":1,\"version\":777,\"is_deleted\":1}");
        assertThat(daily()).startsWith("2026-11-30\t1\t3.000\t1\n");
    }

    private String daily() {
        return clickHouse.query("SELECT day, events, engagement_seconds, finishes FROM engagements_daily"
                + " WHERE content_id = '" + content + "' ORDER BY day FORMAT TSV");
    }

    private String row(long id, String type, String ts, Integer durationMs, String op, long processedTsMs) {
        String seconds = durationMs == null ? "null" : String.valueOf(durationMs / 1000.0);
        return "{\"event_id\":" + id + ",\"content_id\":\"" + content + "\",\"user_id\":null,\"event_type\":\"" + type
                + "\",\"event_ts\":\"" + ts + "\",\"event_ts_ms\":" + id + ",\"duration_ms\":" + durationMs
                + ",\"engagement_seconds\":" + seconds + ",\"engagement_pct\":null,\"device\":\"web\","
                + "\"raw_payload\":null,\"slug\":\"s\",\"title\":\"t\",\"content_type\":\"video\",\"length_seconds\":60,"
                + "\"op\":\"" + op + "\",\"source_ts_ms\":1,\"processed_ts_ms\":" + processedTsMs + "}";
    }

    private void apply(String migration) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("clickhouse/migrations/" + migration)) {
            for (String statement : SchemaMigrator.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                clickHouse.query(statement);
            }
        }
    }
}
