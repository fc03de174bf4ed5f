package io.engagement.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Latency where users look: commits a marked event (new content, a duration no real session reaches, so it tops the
 * list) and polls GET /top-content, ClickHouse and the webhook receiver until each one shows it.
 */
final class VisibilityProbe {
    private static final int MARK_DURATION_MS = 86_000_000;

    private final BenchEnv env;
    private final String clickhouseTable = BenchEnv.env("BENCH_CLICKHOUSE_TABLE", "engagement.engagements");
    final Histogram topContent = new Histogram(3);
    final Histogram clickhouse = new Histogram(3);
    final Histogram webhook = new Histogram(3);

    VisibilityProbe(BenchEnv env) {
        this.env = env;
    }

    /** One probe; each sink gets up to {@code timeoutMs} to show the event. */
    void probe(long timeoutMs) throws Exception {
        UUID content = UUID.randomUUID();
        long eventId;
        long committed;
        try (Connection conn = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + BenchEnv.env("PG_PORT",
                "55432") + "/" + BenchEnv.env("PG_DATABASE", "engagement"), BenchEnv.env("PG_USER", "pipeline"),
                BenchEnv.env("PG_PASSWORD", "pipeline"))) {
            conn.setAutoCommit(false);
            try (PreparedStatement insert = conn.prepareStatement("""
                    INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)
                    VALUES (?, ?, 'Latency probe', 'video', 90000, now())""")) {
                insert.setObject(1, content);
                insert.setString(2, "bench-probe-" + content);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = conn.prepareStatement("""
                    INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device)
                    VALUES (?, ?, 'finish', now(), ?, 'bench-probe') RETURNING id""")) {
                insert.setObject(1, content);
                insert.setObject(2, UUID.randomUUID());
                insert.setInt(3, MARK_DURATION_MS);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    eventId = rows.getLong(1);
                }
            }
            conn.commit();
            committed = System.nanoTime();
        }
        boolean inTop = false, inClickhouse = false, inWebhook = false;
        long deadline = committed + timeoutMs * 1_000_000;
        while ((!inTop || !inClickhouse || !inWebhook) && System.nanoTime() < deadline) {
            if (!inTop && Http.send("GET", env.queryApiUrl() + "/top-content?limit=3&window=10m", null)
                    .contains(content.toString())) {
                inTop = record(topContent, committed);
            }
            if (!inClickhouse && Http.send("GET", env.clickhouseUrl() + "/?query=" + URLEncoder.encode(
                    "SELECT count() FROM " + clickhouseTable + " WHERE event_id = " + eventId + " FORMAT TSV",
                    StandardCharsets.UTF_8), null).strip().matches("[1-9][0-9]*")) {
                inClickhouse = record(clickhouse, committed);
            }
            if (!inWebhook) {
                JsonNode seen = Http.json("GET", env.receiverUrl() + "/received/events?ids=" + eventId, null);
                if (seen.isArray() && !seen.isEmpty()) {
                    inWebhook = record(webhook, committed);
                }
            }
            Thread.sleep(2);
        }
    }

    private static boolean record(Histogram histogram, long committedNanos) {
        histogram.recordValue(Math.max(0, (System.nanoTime() - committedNanos) / 1_000_000));
        return true;
    }
}
