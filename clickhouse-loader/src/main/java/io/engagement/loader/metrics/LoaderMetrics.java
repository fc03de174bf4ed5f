package io.engagement.loader.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The loader's meters, under the pipeline-wide names dashboards and alerts use. */
@ApplicationScoped
public class LoaderMetrics {
    public static final String STAGE = "clickhouse-loader";
    private static final String SINK = "clickhouse";

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter rowsWritten;
    private final DistributionSummary batchSize;
    private final Timer sinkWrite;
    private final Timer e2eLatency;

    LoaderMetrics(MeterRegistry registry) {
        this.registry = registry;
        recordsIn = Counter.builder("pipeline_records_in_total").tag("stage", STAGE)
                .description("Records consumed from engagements.enriched").register(registry);
        rowsWritten = Counter.builder("pipeline_records_out_total").tag("stage", STAGE)
                .description("Rows ClickHouse acknowledged (rows/s = rate of this)").register(registry);
        batchSize = DistributionSummary.builder("clickhouse_loader_batch_rows")
                .description("Records per consumed batch").publishPercentileHistogram()
                .serviceLevelObjectives(1, 10, 100, 1_000, 10_000, 20_000).register(registry);
        sinkWrite = Timer.builder("pipeline_sink_write_seconds").tag("sink", SINK)
                .description("One INSERT acknowledged by ClickHouse").publishPercentileHistogram().register(registry);
        e2eLatency = Timer.builder("pipeline_e2e_latency_seconds").tag("sink", SINK)
                .description("PostgreSQL commit to row acknowledged by ClickHouse")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
    }

    public void consumed(int records) {
        recordsIn.increment(records);
        batchSize.record(records);
    }

    public void written(int rows) {
        rowsWritten.increment(rows);
    }

    public Timer sinkWrite() {
        return sinkWrite;
    }

    /** Records now − source commit time for a row ClickHouse has just acknowledged. */
    public void visible(long sourceTsMs, long nowMs) {
        e2eLatency.record(Duration.ofMillis(Math.max(0, nowMs - sourceTsMs)));
    }

    public void deadLettered(String reason) {
        registry.counter("pipeline_dlq_records_total", "stage", STAGE, "reason", reason).increment();
    }
}
