package io.engagement.processor.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The shared pipeline metric names (see the briefing), tagged {@code stage="stream-processor"}. */
@ApplicationScoped
public class PipelineMetrics {
    public static final String STAGE = "stream-processor";
    private static final Duration[] SLOS = { Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter staleVersions;
    private final Timer stageLatency;
    private final Map<String, Counter> recordsOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> dlq = new ConcurrentHashMap<>();
    /** Held events per stream task; tasks move between instances, so each registers and unregisters its count. */
    private final Map<String, AtomicLong> heldByTask = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsIn = Counter.builder("pipeline_records_in").tag("stage", STAGE)
                .description("CDC records consumed").register(registry);
        this.staleVersions = Counter.builder("pipeline_stale_versions").tag("stage", STAGE)
                .description("Event changes dropped because a newer version of the same event was already seen")
                .register(registry);
        this.stageLatency = Timer.builder("pipeline_stage_latency_seconds").tag("stage", STAGE)
                .description("now - source_ts_ms (PostgreSQL commit) when an enriched event is emitted")
                .publishPercentileHistogram().serviceLevelObjectives(SLOS)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        Gauge.builder("pipeline_held_events", heldByTask, held -> held.values().stream().mapToLong(AtomicLong::get).sum())
                .tag("stage", STAGE).description("Events waiting for their content row").register(registry);
    }

    public void recordIn() {
        recordsIn.increment();
    }

    public void staleVersion() {
        staleVersions.increment();
    }

    public void recordOut(String topic) {
        recordsOut.computeIfAbsent(topic, t -> Counter.builder("pipeline_records_out").tag("stage", STAGE)
                .tag("topic", t).description("Records produced, by topic").register(registry)).increment();
    }

    public void deadLetter(String reason) {
        dlq.computeIfAbsent(reason, r -> Counter.builder("pipeline_dlq_records").tag("stage", STAGE)
                .tag("reason", r).description("Records sent to the DLQ, by reason").register(registry)).increment();
    }

    public void emitted(long sourceTsMs, long nowMs) {
        stageLatency.record(Duration.ofMillis(Math.max(0, nowMs - sourceTsMs)));
    }

    /** The live count of one task's held events (shared by the processors of that task). */
    public AtomicLong heldEvents(String taskId) {
        return heldByTask.computeIfAbsent(taskId, t -> new AtomicLong());
    }

    public void taskClosed(String taskId) {
        heldByTask.remove(taskId);
    }
}
