package io.engagement.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * ./pipeline bench: the whole stack under a ladder of insert rates. For each step: achieved rate, e2e latency per
 * sink (from the services' own histograms), raw CDC latency (commit→topic) measured in the same run, commit→visible
 * latency of marked events in /top-content, ClickHouse and the webhook, max consumer lag, CPU and RSS per process.
 * A step counts as sustained when the total consumer lag does not grow: its mean over the step's last third is within
 * one second of traffic of its mean over the first third. Settings: BENCH_RATES (500,2000,5000,10000), BENCH_STEP_SECONDS (60), BENCH_WARMUP_SECONDS
 * (30, once at the first rate: JIT, connections, caches of freshly started services), BENCH_SETTLE_SECONDS (10, at
 * the start of every step, not measured), BENCH_PROBE_INTERVAL_MS (1000), BENCH_PROBE_EVENTS (20),
 * BENCH_DRAIN_TIMEOUT_SECONDS (600: how long an earlier run's backlog may take to drain before measuring).
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchEnv env = BenchEnv.fromEnvironment();
        int[] rates = Arrays.stream(BenchEnv.env("BENCH_RATES", "500,2000,5000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int stepSeconds = BenchEnv.envInt("BENCH_STEP_SECONDS", 60);
        int warmup = BenchEnv.envInt("BENCH_WARMUP_SECONDS", 30);
        int settle = BenchEnv.envInt("BENCH_SETTLE_SECONDS", 10);
        int probeIntervalMs = BenchEnv.envInt("BENCH_PROBE_INTERVAL_MS", 1000);
        Path runDir = Path.of(env.pipelineHome(), "run");
        Map<String, String> urls = Services.metricsUrls();

        List<Map<String, Object>> steps = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        Http.setRate(env, 0);
        try (CdcLatencyProbe cdc = new CdcLatencyProbe(env); KafkaWatch kafka = new KafkaWatch(env)) {
            Http.setRate(env, rates[0]);
            System.out.printf("warming up for %d s at %d events/s%n", warmup, rates[0]);
            Thread.sleep(warmup * 1000L);
            // A backlog left by an earlier run would be measured as this run's latency: drain to about a second of traffic.
            kafka.awaitCaughtUp(Math.max(rates[0], 1_000),
                    Duration.ofSeconds(BenchEnv.envInt("BENCH_DRAIN_TIMEOUT_SECONDS", 600)));
            for (int rate : rates) {
                Http.setRate(env, rate);
                VisibilityProbe visibility = new VisibilityProbe(env, (int) (stepSeconds * 1000L / probeIntervalMs) + 1);
                Thread.sleep(settle * 1000L);
                cdc.interval();
                Map<String, PromScrape> before = scrape(urls);
                Map<String, ProcessStats.Sample> procBefore = ProcessStats.sample(runDir);
                long cdcBefore = cdc.records();
                long maxLag = 0;
                List<Long> totalLags = new ArrayList<>();
                Map<String, Long> maxLagByGroup = new TreeMap<>();
                long start = System.nanoTime();
                long nextProbe = start;
                while (System.nanoTime() - start < stepSeconds * 1_000_000_000L) {
                    if (System.nanoTime() >= nextProbe) {
                        visibility.probe(5_000);
                        nextProbe = System.nanoTime() + probeIntervalMs * 1_000_000L;
                    }
                    Map<String, Long> lags = kafka.snapshot().groupLag();
                    for (var lag : lags.entrySet()) {
                        maxLagByGroup.merge(lag.getKey(), lag.getValue(), Math::max);
                        maxLag = Math.max(maxLag, lag.getValue());
                    }
                    totalLags.add(lags.values().stream().mapToLong(Long::longValue).sum());
                    long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                    System.out.printf("\r%6d events/s: %3d/%d s, CDC %d records, max lag %d   ", rate, elapsed,
                            stepSeconds, cdc.records() - cdcBefore, maxLag);
                    Thread.sleep(500);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, PromScrape> after = scrape(urls);
                Map<String, ProcessStats.Sample> procAfter = ProcessStats.sample(runDir);
                Histogram cdcLatency = cdc.interval();
                visibility.close();
                System.out.println();

                Map<String, Object> step = new LinkedHashMap<>();
                step.put("target_events_per_second", rate);
                double written = after.get("ingest-simulator").sum("simulator_events_written_total")
                        - before.get("ingest-simulator").sum("simulator_events_written_total");
                step.put("achieved_events_per_second", Math.round(written / seconds));
                step.put("cdc_commit_to_topic_ms", CdcBenchmark.percentiles(cdcLatency));
                Map<String, Object> e2e = new LinkedHashMap<>();
                for (String sink : Services.SINKS) {
                    String service = Services.serviceOfSink(sink);
                    String label = "sink=\"" + sink + "\"";
                    TreeMap<Double, Double> buckets = HistogramQuantile.delta(
                            after.get(service).buckets("pipeline_e2e_latency_seconds", label),
                            before.get(service).buckets("pipeline_e2e_latency_seconds", label));
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("count", Math.round(HistogramQuantile.count(buckets)));
                    for (double q : new double[] { 0.5, 0.95, 0.99 }) {
                        p.put("p" + Math.round(q * 100), Math.round(HistogramQuantile.quantile(q, buckets) * 1000));
                    }
                    p.put("max_recent", Math.round(after.get(service).sum("pipeline_e2e_latency_seconds_max", label) * 1000));
                    e2e.put(sink, p);
                }
                step.put("e2e_latency_ms", e2e);
                step.put("visible_after_commit_ms", Map.of(
                        "top_content", CdcBenchmark.percentiles(visibility.topContent),
                        "clickhouse", CdcBenchmark.percentiles(visibility.clickhouse),
                        "webhook", CdcBenchmark.percentiles(visibility.webhook)));
                step.put("max_consumer_lag", maxLagByGroup);
                long firstThird = meanOfThird(totalLags, 0);
                long lastThird = meanOfThird(totalLags, 2);
                step.put("total_lag_first_last_third", List.of(firstThird, lastThird));
                boolean sustained = lastThird <= firstThird + rate;
                step.put("sustained", sustained);
                step.put("processes", processes(procBefore, procAfter, seconds));
                steps.add(step);
                rows.add(row(rate, step, cdcLatency, e2e, visibility, maxLag, sustained));
            }
        } finally {
            Http.setRate(env, 0);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "pipeline");
        json.put("machine", Machine.describe());
        json.put("step_seconds", stepSeconds);
        json.put("steps", steps);
        Results.write("pipeline", json, List.of("target ev/s", "achieved", "CDC p50/p99 ms", "redis p50/p99 ms",
                "clickhouse p50/p99 ms", "webhook p50/p99 ms", "/top-content visible p50/p99 ms",
                "e2e redis p99 / CDC p99", "max lag", "sustained"), rows,
                "Steps of " + stepSeconds + " s (after " + settle + " s settling each, " + warmup + " s warm-up "
                        + "once); e2e = PostgreSQL commit → written in the sink (services' pipeline_e2e_latency_seconds "
                        + "histograms); visible = commit → seen in GET /top-content by a client polling every 2 ms "
                        + "(one probe a second at most, BENCH_PROBE_INTERVAL_MS); sustained = mean total consumer lag "
                        + "over the step's last third ≤ its first third + 1 s of traffic (lag flat). Machine: "
                        + Machine.describe());
    }

    private static List<Object> row(int rate, Map<String, Object> step, Histogram cdc, Map<String, Object> e2e,
            VisibilityProbe visibility, long maxLag, boolean sustained) {
        long cdcP99 = cdc.getValueAtPercentile(99);
        @SuppressWarnings("unchecked")
        long redisP99 = (Long) ((Map<String, Object>) e2e.get("redis")).get("p99");
        return List.of(rate, step.get("achieved_events_per_second"),
                cdc.getValueAtPercentile(50) + " / " + cdcP99, pair(e2e, "redis"), pair(e2e, "clickhouse"),
                pair(e2e, "webhook"), visibility.topContent.getValueAtPercentile(50) + " / "
                        + visibility.topContent.getValueAtPercentile(99),
                cdcP99 == 0 ? "-" : String.format("%.2f", (double) redisP99 / cdcP99), maxLag, sustained ? "yes" : "no");
    }

    /** Mean of the first (0), middle (1) or last (2) third of the samples. */
    private static long meanOfThird(List<Long> samples, int third) {
        int size = samples.size() / 3;
        if (size == 0) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1);
        }
        int from = third == 2 ? samples.size() - size : third * size;
        return Math.round(samples.subList(from, from + size).stream().mapToLong(Long::longValue).average().orElse(0));
    }

    @SuppressWarnings("unchecked")
    private static String pair(Map<String, Object> e2e, String sink) {
        Map<String, Object> p = (Map<String, Object>) e2e.get(sink);
        return p.get("p50") + " / " + p.get("p99");
    }

    private static Map<String, PromScrape> scrape(Map<String, String> urls) {
        Map<String, PromScrape> scrapes = new HashMap<>();
        urls.forEach((service, url) -> scrapes.put(service, PromScrape.of(url)));
        return scrapes;
    }

    private static Map<String, Object> processes(Map<String, ProcessStats.Sample> before,
            Map<String, ProcessStats.Sample> after, double seconds) {
        Map<String, Object> processes = new TreeMap<>();
        after.forEach((part, sample) -> {
            ProcessStats.Sample start = before.getOrDefault(part, sample);
            processes.put(part, Map.of("cpu_percent", Math.round(100 * (sample.cpuSeconds() - start.cpuSeconds()) / seconds),
                    "rss_mb", sample.rssBytes() / (1024 * 1024)));
        });
        return processes;
    }
}
