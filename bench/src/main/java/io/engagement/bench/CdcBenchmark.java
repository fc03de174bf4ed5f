package io.engagement.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ./pipeline bench-cdc: the simulator's maximum insert rate (median of 3 bursts), then commit→topic latency of
 * Debezium at fixed insert rates. Settings: BENCH_CDC_RATES (default 1000,5000), BENCH_CDC_SECONDS (30),
 * BENCH_BURST_EVENTS (100000).
 */
public final class CdcBenchmark {
    private CdcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchEnv env = BenchEnv.fromEnvironment();
        int[] rates = Arrays.stream(BenchEnv.env("BENCH_CDC_RATES", "1000,5000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int seconds = BenchEnv.envInt("BENCH_CDC_SECONDS", 30);
        int burstEvents = BenchEnv.envInt("BENCH_BURST_EVENTS", 100_000);

        Http.setRate(env, 0);
        List<Long> burstRates = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            JsonNode burst = Http.json("POST", env.simulatorUrl() + "/simulator/burst?events=" + burstEvents, null);
            burstRates.add(burst.path("events_per_second").asLong());
            System.out.printf("burst %d: %d events in %d ms = %d events/s%n", i, burst.path("events").asLong(),
                    burst.path("millis").asLong(), burst.path("events_per_second").asLong());
        }
        long maxInsertRate = burstRates.stream().sorted().toList().get(1);

        List<List<Object>> rows = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        try (CdcLatencyProbe probe = new CdcLatencyProbe(env)) {
            probe.awaitQuiet(Duration.ofSeconds(5), Duration.ofSeconds(180));
            for (int rate : rates) {
                Http.setRate(env, rate);
                Thread.sleep(3_000);
                probe.interval();
                long before = probe.records();
                for (int s = 1; s <= seconds; s++) {
                    Thread.sleep(1_000);
                    System.out.printf("\r%5d events/s target: %2d/%d s, %d records seen", rate, s, seconds,
                            probe.records() - before);
                }
                Histogram latency = probe.interval();
                long seen = probe.records() - before;
                Http.setRate(env, 0);
                probe.awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(60));
                System.out.println();
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("target_events_per_second", rate);
                step.put("achieved_events_per_second", seen / seconds);
                step.put("seconds", seconds);
                step.put("commit_to_topic_ms", percentiles(latency));
                steps.add(step);
                rows.add(List.of(rate, seen / seconds, latency.getValueAtPercentile(50),
                        latency.getValueAtPercentile(99), latency.getMaxValue()));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "cdc");
        json.put("machine", Machine.describe());
        json.put("max_insert_events_per_second_median_of_3", maxInsertRate);
        json.put("bursts_events_per_second", burstRates);
        json.put("steps", steps);
        Results.write("cdc", json, List.of("target ev/s", "achieved ev/s", "commit→topic p50 ms", "p99 ms", "max ms"),
                rows, "Simulator max insert rate: " + maxInsertRate + " events/s (median of 3 bursts of " + burstEvents
                        + "; bursts " + burstRates + "). Machine: " + Machine.describe());
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        p.put("p50", h.getValueAtPercentile(50));
        p.put("p95", h.getValueAtPercentile(95));
        p.put("p99", h.getValueAtPercentile(99));
        p.put("max", h.getMaxValue());
        return p;
    }
}
