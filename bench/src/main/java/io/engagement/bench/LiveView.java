package io.engagement.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The terminal view of ./pipeline demo, redrawn every second: events/s per stage, consumer lag, end-to-end latency
 * per sink against the 5 s target, and the current top 10. It first lets the services catch up with any backlog an
 * earlier run left, then starts the traffic (DEMO_RATE), so no old record is shown as latency; a sink that falls
 * behind later shows "catching up (lag N)" instead of a latency. On exit (Ctrl-C) it prints a summary.
 */
public final class LiveView {
    private static final double TARGET_SECONDS = 5.0;
    private static final int LATENCY_WINDOW_SECONDS = 10;
    /** A sink this many records (or two seconds of input, if more) behind is catching up, not slow. */
    private static final long BEHIND_RECORDS = 1_000;
    private static final String GREEN = "\033[32m", RED = "\033[31m", YELLOW = "\033[33m", BOLD = "\033[1m",
            DIM = "\033[2m",
            RESET = "\033[0m";

    private final BenchEnv env = BenchEnv.fromEnvironment();
    private final Map<String, String> metricsUrls = Services.metricsUrls();
    private final Deque<Map<String, PromScrape>> history = new ArrayDeque<>();
    private final Map<String, PromScrape> first = new HashMap<>();
    private KafkaWatch.Snapshot previousKafka;
    private final long startedNanos = System.nanoTime();

    public static void main(String[] args) throws Exception {
        LiveView view = new LiveView();
        Runtime.getRuntime().addShutdownHook(new Thread(view::printSummary));
        try (KafkaWatch kafka = new KafkaWatch(view.env)) {
            kafka.awaitCaughtUp(BEHIND_RECORDS, Duration.ofSeconds(BenchEnv.envInt("DEMO_CATCHUP_TIMEOUT_SECONDS", 600)));
            int rate = BenchEnv.envInt("DEMO_RATE", 500);
            Http.setRate(view.env, rate);
            System.out.printf("traffic at %d events/s (DEMO_RATE moves it)%n", rate);
            while (true) {
                long tick = System.nanoTime();
                view.render(kafka);
                Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - tick) / 1_000_000));
            }
        }
    }

    private Map<String, PromScrape> scrapeAll() {
        Map<String, PromScrape> scrapes = new HashMap<>();
        metricsUrls.forEach((service, url) -> scrapes.put(service, PromScrape.of(url)));
        return scrapes;
    }

    private void render(KafkaWatch kafka) throws Exception {
        Map<String, PromScrape> now = scrapeAll();
        now.forEach((service, scrape) -> {
            if (!scrape.isEmpty()) {
                first.putIfAbsent(service, scrape);
            }
        });
        Map<String, PromScrape> previous = history.isEmpty() ? now : history.peekLast();
        Map<String, PromScrape> windowStart = history.isEmpty() ? now : history.peekFirst();
        history.addLast(now);
        if (history.size() > LATENCY_WINDOW_SECONDS) {
            history.removeFirst();
        }
        KafkaWatch.Snapshot snapshot = kafka.snapshot();
        KafkaWatch.Snapshot before = previousKafka == null ? snapshot : previousKafka;
        previousKafka = snapshot;

        StringBuilder out = new StringBuilder("\033[H\033[2J");
        out.append(BOLD).append("Engagement pipeline — live").append(RESET).append("   ")
                .append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append(DIM)
                .append("   Ctrl-C stops the traffic; ./pipeline down stops everything").append(RESET).append("\n\n");
        out.append(String.format("%-34s %10s %14s %10s%n", "stage", "events/s", "total", "lag"));
        row(out, "written to PostgreSQL (simulator)", rate(now, previous, "ingest-simulator", "simulator_events_written_total"),
                now.get("ingest-simulator").sum("simulator_events_written_total"), null);
        topicRow(out, "CDC topic pg.public.engagement_events", "pg.public.engagement_events", snapshot, before);
        row(out, "stream-processor (records in)", rate(now, previous, "stream-processor", "pipeline_records_in_total"),
                now.get("stream-processor").sum("pipeline_records_in_total"), snapshot.groupLag().get("stream-processor"));
        topicRow(out, "topic engagements.enriched", "engagements.enriched", snapshot, before);
        topicRow(out, "topic engagements.by-content.10s", "engagements.by-content.10s", snapshot, before);
        topicRow(out, "topic engagements.dlq", "engagements.dlq", snapshot, before);
        for (String service : new String[] { "redis-projector", "clickhouse-loader", "external-forwarder" }) {
            row(out, service + " (records in)", rate(now, previous, service, "pipeline_records_in_total"),
                    now.get(service).sum("pipeline_records_in_total"), snapshot.groupLag().get(service));
        }

        out.append(String.format("%n%-34s %10s %10s %10s   target %.0f s%n",
                "commit → sink latency (last " + LATENCY_WINDOW_SECONDS + " s)", "p50", "p99", "events", TARGET_SECONDS));
        double inPerSecond = rate(now, previous, "stream-processor", "pipeline_records_in_total");
        long behind = Math.max(BEHIND_RECORDS, (long) (2 * inPerSecond));
        for (String sink : Services.SINKS) {
            String service = Services.serviceOfSink(sink);
            Long lag = snapshot.groupLag().get(service);
            Long processorLag = snapshot.groupLag().get("stream-processor");
            long upstream = Math.max(lag == null ? 0 : lag, processorLag == null ? 0 : processorLag);
            if (upstream > behind) {
                out.append(String.format("  %-32s %scatching up (lag %d)%s%n", sink, YELLOW, upstream, RESET));
                continue;
            }
            TreeMap<Double, Double> buckets = HistogramQuantile.delta(
                    now.get(service).buckets("pipeline_e2e_latency_seconds", "sink=\"" + sink + "\""),
                    windowStart.get(service).buckets("pipeline_e2e_latency_seconds", "sink=\"" + sink + "\""));
            latencyRow(out, sink, buckets);
        }

        out.append('\n').append(BOLD).append("Top 10, last 10 minutes, by engagement seconds").append(RESET).append('\n');
        appendTop(out);
        System.out.print(out);
        System.out.flush();
    }

    private static void row(StringBuilder out, String label, double perSecond, double total, Long lag) {
        out.append(String.format("%-34s %10.0f %14.0f %10s%n", label, perSecond, total, lag == null ? "" : lag));
    }

    private static void topicRow(StringBuilder out, String label, String topic, KafkaWatch.Snapshot now,
            KafkaWatch.Snapshot before) {
        long end = now.topicEnds().getOrDefault(topic, 0L);
        row(out, label, end - before.topicEnds().getOrDefault(topic, 0L), end, null);
    }

    private static double rate(Map<String, PromScrape> now, Map<String, PromScrape> previous, String service,
            String counter) {
        return Math.max(0, now.get(service).sum(counter) - previous.get(service).sum(counter));
    }

    private static void latencyRow(StringBuilder out, String sink, TreeMap<Double, Double> buckets) {
        double count = HistogramQuantile.count(buckets);
        if (count <= 0) {
            out.append(String.format("  %-32s %10s %10s %10s%n", sink, "-", "-", "0"));
            return;
        }
        double p50 = HistogramQuantile.quantile(0.5, buckets);
        double p99 = HistogramQuantile.quantile(0.99, buckets);
        String colour = p99 <= TARGET_SECONDS ? GREEN : RED;
        out.append(String.format("  %-32s %s%8.0f ms %7.0f ms%s %10.0f  %s%n", sink, colour, p50 * 1000, p99 * 1000,
                RESET, count, p99 <= TARGET_SECONDS ? GREEN + "within target" + RESET : RED + "OVER TARGET" + RESET));
    }

    private void appendTop(StringBuilder out) {
        try {
            JsonNode top = Http.json("GET", env.queryApiUrl() + "/top-content?limit=10&window=10m", null);
            JsonNode rows = top.isArray() ? top : top.path("rows");
            if (!rows.isArray() || rows.isEmpty()) {
                out.append(DIM).append("  (nothing in the window yet)").append(RESET).append('\n');
                return;
            }
            for (JsonNode row : rows) {
                out.append(String.format("  %2d. %-48.48s %-10s %14.3f s %8s events%n", row.path("rank").asInt(),
                        row.path("title").asText(row.path("slug").asText()), row.path("content_type").asText(),
                        row.path("engagement_seconds").asDouble(), row.path("events").asText()));
            }
        } catch (Exception e) {
            out.append(DIM).append("  query-api not reachable: ").append(e.getMessage()).append(RESET).append('\n');
        }
    }

    private void printSummary() {
        Map<String, PromScrape> now = scrapeAll();
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        StringBuilder out = new StringBuilder("\n").append(BOLD).append("Summary of ").append(seconds)
                .append(" s of demo").append(RESET).append('\n');
        PromScrape simulatorStart = first.getOrDefault("ingest-simulator", PromScrape.EMPTY);
        out.append(String.format("  events written: %.0f%n", now.get("ingest-simulator").sum("simulator_events_written_total")
                - simulatorStart.sum("simulator_events_written_total")));
        for (String sink : Services.SINKS) {
            String service = Services.serviceOfSink(sink);
            TreeMap<Double, Double> buckets = HistogramQuantile.delta(
                    now.get(service).buckets("pipeline_e2e_latency_seconds", "sink=\"" + sink + "\""),
                    first.getOrDefault(service, PromScrape.EMPTY).buckets("pipeline_e2e_latency_seconds",
                            "sink=\"" + sink + "\""));
            out.append(String.format("  %-10s e2e latency p50 %6.0f ms  p99 %6.0f ms over %.0f writes%n", sink,
                    HistogramQuantile.quantile(0.5, buckets) * 1000, HistogramQuantile.quantile(0.99, buckets) * 1000,
                    HistogramQuantile.count(buckets)));
        }
        System.out.print(out);
        System.out.flush();
    }
}
