package io.engagement.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every metric the Grafana dashboards and the alert rules use exists in a live scrape of the running services. */
class MetricsContractIT {
    private static final Map<String, String> METRICS_PORTS = Map.of(
            "ingest-simulator", Stack.env("INGEST_SIMULATOR_PORT", "58181"),
            "stream-processor", Stack.env("STREAM_PROCESSOR_PORT", "58182"),
            "redis-projector", Stack.env("REDIS_PROJECTOR_PORT", "58183"),
            "clickhouse-loader", Stack.env("CLICKHOUSE_LOADER_PORT", "58184"),
            "external-forwarder", Stack.env("EXTERNAL_FORWARDER_PORT", "58185"),
            "query-api", Stack.env("QUERY_API_PORT", "58080"));

    @BeforeAll
    static void fleet() {
        Fleet.start();
    }

    @Test
    void everyMetricOfTheDashboardsAndAlertsIsScrapedFromARunningService() throws Exception {
        List<String> wanted = Files.readAllLines(Fleet.ROOT.resolve("monitoring/metric-names.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        // Traffic of every kind, dead letters included, so that every counter has been touched at least once.
        Stack.json("POST", Stack.SIMULATOR + "/simulator/bad-rows", null);
        Stack.json("POST", Stack.SIMULATOR + "/simulator/burst?events=200", null);
        await("every dashboard and alert metric is scraped").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Set<String> missing = new TreeSet<>(wanted);
                    missing.removeAll(scrapedMetricNames());
                    assertTrue(missing.isEmpty(), "metrics used by dashboards/alerts but absent from every service: "
                            + missing);
                });
    }

    private static Set<String> scrapedMetricNames() {
        Set<String> scraped = new TreeSet<>();
        METRICS_PORTS.forEach((service, port) -> Stack.send("GET", "http://127.0.0.1:" + port + "/q/metrics", null)
                .body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).forEach(scraped::add));
        return scraped;
    }
}
