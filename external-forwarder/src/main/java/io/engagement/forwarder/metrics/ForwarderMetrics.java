package io.engagement.forwarder.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** The forwarder's meters, under the pipeline-wide names the dashboards and alerts use; registered at start so they scrape as 0. */
@Startup
@ApplicationScoped
public class ForwarderMetrics {
    public static final String STAGE = "external-forwarder";
    private static final String SINK = "webhook";

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter recordsOut;
    private final Counter delivered;
    private final Counter skippedReplays;
    private final Timer sinkWrite;
    private final Timer e2eLatency;
    private final AtomicInteger circuitOpen = new AtomicInteger();

    public ForwarderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsIn = Counter.builder("pipeline.records.in").tag("stage", STAGE).register(registry);
        this.recordsOut = Counter.builder("pipeline.records.out").tag("stage", STAGE).register(registry);
        this.delivered = Counter.builder("pipeline.webhook.delivered")
                .description("Events the webhook acknowledged with a 2xx").register(registry);
        this.skippedReplays = Counter.builder("pipeline.webhook.skipped").tag("reason", "replay")
                .description("Backfill replays not forwarded (forwarder.forward-replays=false)").register(registry);
        this.sinkWrite = Timer.builder("pipeline.sink.write").tag("sink", SINK)
                .description("One batch delivered to the webhook, retries included").register(registry);
        this.e2eLatency = Timer.builder("pipeline.e2e.latency").tag("sink", SINK)
                .description("PostgreSQL commit to webhook 2xx")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
        registry.gauge("pipeline.webhook.circuit.open", circuitOpen);
    }

    public void recordIn() {
        recordsIn.increment();
    }

    public void skippedReplay() {
        skippedReplays.increment();
    }

    /** A batch got its 2xx: counts it and records every event's commit-to-acknowledged latency. */
    public void delivered(long[] sourceTsMs, long batchNanos) {
        long now = System.currentTimeMillis();
        for (long committedAt : sourceTsMs) {
            e2eLatency.record(Math.max(0, now - committedAt), TimeUnit.MILLISECONDS);
        }
        delivered.increment(sourceTsMs.length);
        recordsOut.increment(sourceTsMs.length);
        sinkWrite.record(batchNanos, TimeUnit.NANOSECONDS);
    }

    /** One more attempt after a failure; {@code cause} is low-cardinality (status class, timeout, circuit-open). */
    public void retry(String cause) {
        registry.counter("pipeline.webhook.retries", "cause", cause).increment();
    }

    public void deadLettered(String reason) {
        registry.counter("pipeline.dlq.records", "stage", STAGE, "reason", reason).increment();
    }

    public void circuitOpen(boolean open) {
        circuitOpen.set(open ? 1 : 0);
    }

    public boolean isCircuitOpen() {
        return circuitOpen.get() == 1;
    }
}
