package io.engagement.projector.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The shared pipeline metric names, as this stage reports them. */
@ApplicationScoped
public class ProjectorMetrics {
    public static final String STAGE = "redis-projector";
    private static final String SINK = "redis";

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter skipped;
    private final Counter fenced;
    private final Counter rebuilds;
    private final Timer e2eLatency;
    private final Timer sinkWrite;

    public ProjectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsIn = Counter.builder("pipeline_records_in_total").tag("stage", STAGE).register(registry);
        this.skipped = Counter.builder("pipeline_projector_skipped_total")
                .description("Totals for buckets already older than window + grace, not written")
                .register(registry);
        this.fenced = Counter.builder("pipeline_projector_fenced_total")
                .description("Totals not written because Redis already held a newer one (a later input offset)")
                .register(registry);
        this.rebuilds = Counter.builder("pipeline_projector_rebuilds_total")
                .description("Times the live window was re-projected from Kafka after Redis lost its data")
                .register(registry);
        this.e2eLatency = Timer.builder("pipeline_e2e_latency_seconds").tag("sink", SINK)
                .description("PostgreSQL commit to Redis acknowledged")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
        this.sinkWrite = Timer.builder("pipeline_sink_write_seconds").tag("sink", SINK)
                .description("One pipelined batch write to Redis")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void recordsIn(int count) {
        recordsIn.increment(count);
    }

    public void skipped() {
        skipped.increment();
    }

    public void fenced(int count) {
        fenced.increment(count);
    }

    public void rebuilt() {
        rebuilds.increment();
    }

    public void dlq(String reason) {
        registry.counter("pipeline_dlq_records_total", "stage", STAGE, "reason", reason).increment();
    }

    public void written(long maxSourceTsMs, long nowMs) {
        if (maxSourceTsMs > 0) {
            e2eLatency.record(Duration.ofMillis(Math.max(0, nowMs - maxSourceTsMs)));
        }
    }

    public void batchWrite(long nanos) {
        sinkWrite.record(Duration.ofNanos(nanos));
    }
}
