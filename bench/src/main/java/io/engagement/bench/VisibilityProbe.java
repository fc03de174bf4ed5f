package io.engagement.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * Latency where users look: commits marked events and polls GET /top-content, ClickHouse and the webhook receiver
 * until each one shows them. Each probe has content of its own, created ahead (so the events take the normal path,
 * not the one for events racing their content); its events carry durations no real session reaches, so the content
 * ranks in the top 100 of the last 20 s whatever the traffic.
 */
final class VisibilityProbe implements AutoCloseable {
    private static final int MARK_DURATION_MS = 86_000_000;
    private static final String TOP_CONTENT = "/top-content?limit=100&window=20s";

    private final BenchEnv env;
    private final String clickhouseTable = BenchEnv.env("BENCH_CLICKHOUSE_TABLE", "engagement.engagement_events");
    private final int eventsPerProbe = BenchEnv.envInt("BENCH_PROBE_EVENTS", 20);
    private final Deque<UUID> contents = new ArrayDeque<>();
    private final ExecutorService pollers = Executors.newFixedThreadPool(3);
    final Histogram topContent = new Histogram(3);
    final Histogram clickhouse = new Histogram(3);
    final Histogram webhook = new Histogram(3);

    /** Creates the content of {@code probes} probes. */
    VisibilityProbe(BenchEnv env, int probes) throws SQLException {
        this.env = env;
        try (Connection conn = BenchEnv.postgres(); PreparedStatement insert = conn.prepareStatement("""
                INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)
                VALUES (?, ?, 'Latency probe', 'video', 90000, now())""")) {
            for (int i = 0; i < probes; i++) {
                UUID content = UUID.randomUUID();
                insert.setObject(1, content);
                insert.setString(2, "bench-probe-" + content);
                insert.executeUpdate();
                contents.add(content);
            }
        }
    }

    /** One probe; each sink gets up to {@code timeoutMs} to show the events. False when no content is left. */
    boolean probe(long timeoutMs) throws Exception {
        UUID content = contents.poll();
        if (content == null) {
            return false;
        }
        List<Long> eventIds = new ArrayList<>();
        long committed;
        try (Connection conn = BenchEnv.postgres()) {
            conn.setAutoCommit(false);
            try (PreparedStatement insert = conn.prepareStatement("""
                    INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device)
                    SELECT ?, gen_random_uuid(), 'finish', now(), ?, 'bench-probe' FROM generate_series(1, ?)
                    RETURNING id""")) {
                insert.setObject(1, content);
                insert.setInt(2, MARK_DURATION_MS);
                insert.setInt(3, eventsPerProbe);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        eventIds.add(rows.getLong(1));
                    }
                }
            }
            conn.commit();
            committed = System.nanoTime();
        }
        String ids = eventIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        String expected = String.valueOf(eventIds.size());
        long deadline = committed + timeoutMs * 1_000_000;
        // One poller per sink, so a slow answer from one does not coarsen the others' resolution; ClickHouse and the
        // receiver are asked less often (ms between polls) so the probe does not take CPU from what it measures.
        CompletableFuture.allOf(
                poll(topContent, 2, committed, deadline, () -> Http.send("GET", env.queryApiUrl() + TOP_CONTENT, null)
                        .contains(content.toString())),
                poll(clickhouse, 10, committed, deadline, () -> Http.send("GET", env.clickhouseUrl() + "/?query="
                        + URLEncoder.encode("SELECT count() FROM " + clickhouseTable + " WHERE event_id IN (" + ids
                                + ") FORMAT TSV", StandardCharsets.UTF_8), null).strip().equals(expected)),
                poll(webhook, 5, committed, deadline, () -> Http.json("GET", env.receiverUrl() + "/received/events?ids="
                        + ids, null).size() == eventIds.size()))
                .join();
        return true;
    }

    private CompletableFuture<Void> poll(Histogram histogram, long pauseMs, long committedNanos, long deadline,
            Check visible) {
        return CompletableFuture.runAsync(() -> {
            try {
                while (System.nanoTime() < deadline) {
                    if (visible.seen()) {
                        histogram.recordValue(Math.max(0, (System.nanoTime() - committedNanos) / 1_000_000));
                        return;
                    }
                    Thread.sleep(pauseMs);
                }
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, pollers);
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }

    private interface Check {
        boolean seen() throws Exception;
    }
}
