package io.engagement.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ./pipeline bench-backfill: BENCH_BACKFILL_EVENTS (1,000,000) events two days old are inserted and streamed live,
 * then re-read through POST /admin/backfill for exactly their time range. Reports the rate Debezium re-reads them,
 * the rate the re-read rows are processed and written to ClickHouse (request → every row's newest version is the
 * replayed one), and the duplicates: rows counted twice in ClickHouse, and totals before vs after the backfill.
 * Two-day-old events fall outside the live 10-minute window, so Redis is not part of this run.
 */
public final class BackfillBenchmark {
    private static final int INSERT_CHUNK = 100_000;

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchEnv env = BenchEnv.fromEnvironment();
        int events = BenchEnv.envInt("BENCH_BACKFILL_EVENTS", 1_000_000);
        Duration timeout = Duration.ofMinutes(BenchEnv.envInt("BENCH_BACKFILL_TIMEOUT_MINUTES", 20));
        Instant from = freeRangeStart(Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        Instant to = from.plus(1, ChronoUnit.HOURS);
        String range = "event_ts >= '" + from + "' AND event_ts < '" + to + "'";
        String chRange = "event_ts >= toDateTime('" + from.getEpochSecond() + "') AND event_ts < toDateTime('"
                + to.getEpochSecond() + "')";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "backfill");
        json.put("machine", Machine.describe());
        json.put("range", Map.of("from", from.toString(), "to", to.toString()));

        long t0 = System.nanoTime();
        insert(events, from, to);
        double insertSeconds = seconds(t0);
        long inPostgres = pgCount("SELECT count(*) FROM engagement_events WHERE " + range);
        System.out.printf("inserted %,d events in %.1f s (%,.0f/s); %,d in the range%n", events, insertSeconds,
                events / insertSeconds, inPostgres);

        System.out.println("waiting for the live pass to reach ClickHouse");
        long t1 = System.nanoTime();
        await("live rows in ClickHouse", timeout,
                () -> chLong(env, "SELECT count() FROM engagement_events FINAL WHERE is_deleted = 0 AND " + chRange) >= inPostgres);
        double liveSeconds = seconds(t1);
        String totalsSql = "SELECT count(), uniqExact(event_id), toString(sum(ifNull(engagement_seconds, "
                + "toDecimal64(0, 3)))) FROM engagement_events FINAL WHERE is_deleted = 0 AND " + chRange + " FORMAT TSV";
        String before = ch(env, totalsSql).strip();
        System.out.printf("live pass visible in ClickHouse %.1f s after the last insert; totals %s%n", liveSeconds,
                before);

        String token = BenchEnv.env("PIPELINE_ADMIN_TOKEN", "local-admin-token");
        long t2 = System.nanoTime();
        JsonNode requested = Http.json("POST", env.queryApiUrl() + "/admin/backfill", "{\"tables\": "
                + "[\"engagement_events\"], \"from\": \"" + from + "\", \"to\": \"" + to + "\"}",
                "Authorization", "Bearer " + token);
        String id = requested.path("id").asText();
        JsonNode progress = requested;
        while (!"done".equals(progress.path("status").asText())) {
            if (System.nanoTime() - t2 > timeout.toNanos()) {
                throw new IllegalStateException("backfill " + id + " not done after " + timeout + ": " + progress);
            }
            Thread.sleep(500);
            progress = Http.json("GET", env.queryApiUrl() + "/admin/backfill/" + id, null,
                    "Authorization", "Bearer " + token);
            System.out.printf("\rbackfill %s: %s, %,d of %,d rows re-read (%.0f s)   ", id,
                    progress.path("status").asText(), progress.path("rows_reread").asLong(),
                    progress.path("expected_rows").asLong(), seconds(t2));
        }
        double rereadSeconds = seconds(t2);
        long reread = progress.path("rows_reread").asLong();
        System.out.println();
        await("replayed rows in ClickHouse", timeout, () -> chLong(env,
                "SELECT countIf(op = 'r') FROM engagement_events FINAL WHERE is_deleted = 0 AND " + chRange) >= inPostgres);
        double endToEndSeconds = seconds(t2);
        String after = ch(env, totalsSql).strip();
        long rawRows = chLong(env, "SELECT count() FROM engagement_events WHERE " + chRange);
        String[] b = before.split("\t");
        String[] a = after.split("\t");
        long duplicates = Long.parseLong(a[0]) - Long.parseLong(a[1]);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", inPostgres);
        result.put("insert_events_per_second", Math.round(events / insertSeconds));
        result.put("live_pass_visible_after_last_insert_s", round(liveSeconds));
        result.put("backfill_rows_reread", reread);
        result.put("backfill_reread_seconds", round(rereadSeconds));
        result.put("backfill_reread_events_per_second", Math.round(reread / rereadSeconds));
        result.put("backfill_end_to_end_seconds", round(endToEndSeconds));
        result.put("backfill_end_to_end_events_per_second", Math.round(inPostgres / endToEndSeconds));
        result.put("clickhouse_rows_before_merge", rawRows);
        result.put("duplicates_counted", duplicates);
        result.put("totals_before", before);
        result.put("totals_after", after);
        result.put("totals_unchanged", b[0].equals(a[0]) && b[2].equals(a[2]));
        json.put("result", result);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(inPostgres, result.get("backfill_reread_events_per_second"),
                result.get("backfill_end_to_end_events_per_second"), duplicates,
                b[0] + " / " + b[2] + " → " + a[0] + " / " + a[2], result.get("totals_unchanged")));
        Results.write("backfill", json, List.of("events", "re-read by Debezium ev/s",
                "re-read → newest version in ClickHouse ev/s", "duplicates counted", "ClickHouse rows / seconds "
                        + "before → after", "totals unchanged"), rows,
                "Events inserted two days back (outside the live window) and streamed live first; then POST "
                        + "/admin/backfill for their hour. Re-read rate from GET /admin/backfill/{id} (Debezium "
                        + "incremental snapshot); end to end = request → every row's newest ClickHouse version is the "
                        + "replayed (op=r) one. Duplicates = count() − uniqExact(event_id) over FINAL. Machine: "
                        + Machine.describe());
    }

    /** Inserts in chunks of one transaction each, content drawn from the existing catalogue, times spread over the range. */
    private static void insert(int events, Instant from, Instant to) throws SQLException {
        long spanMs = to.toEpochMilli() - from.toEpochMilli();
        try (Connection conn = BenchEnv.postgres(); PreparedStatement insert = conn.prepareStatement("""
                INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device)
                SELECT c.ids[1 + (g % array_length(c.ids, 1))], gen_random_uuid(),
                       (ARRAY['play', 'pause', 'finish', 'click'])[1 + g % 4],
                       CAST(? AS timestamptz) + (g % ?) * interval '1 millisecond',
                       CASE WHEN g % 4 = 3 THEN NULL ELSE g % 600000 END, 'bench-backfill'
                FROM generate_series(?, ?) g,
                     (SELECT array_agg(id) AS ids FROM (SELECT id FROM content ORDER BY id LIMIT 1000) x) c""")) {
            for (int start = 0; start < events; start += INSERT_CHUNK) {
                insert.setTimestamp(1, Timestamp.from(from));
                insert.setLong(2, spanMs);
                insert.setInt(3, start);
                insert.setInt(4, Math.min(events, start + INSERT_CHUNK) - 1);
                insert.executeUpdate();
                System.out.printf("\rinserting: %,d of %,d   ", Math.min(events, start + INSERT_CHUNK), events);
            }
            System.out.println();
        }
    }

    /** The range must hold only this run's events: it starts after any event (an earlier run's) at or after {@code start}. */
    private static Instant freeRangeStart(Instant start) throws SQLException {
        try (Connection conn = BenchEnv.postgres(); PreparedStatement query = conn.prepareStatement(
                "SELECT max(event_ts) FROM engagement_events WHERE event_ts >= ? AND event_ts < now() - interval '1 day'")) {
            query.setTimestamp(1, Timestamp.from(start));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp latest = rows.getTimestamp(1);
                return latest == null ? start : latest.toInstant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            }
        }
    }

    private static long pgCount(String sql) throws SQLException {
        try (Connection conn = BenchEnv.postgres(); PreparedStatement query = conn.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String ch(BenchEnv env, String sql) throws Exception {
        return Http.send("GET", env.clickhouseUrl() + "/?database=" + BenchEnv.env("CLICKHOUSE_DATABASE", "engagement")
                + "&query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8), null);
    }

    private static long chLong(BenchEnv env, String sql) {
        try {
            return Long.parseLong(ch(env, sql + " FORMAT TSV").strip());
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException(what + ": not reached within " + timeout);
            }
            Thread.sleep(1000);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
