package io.engagement.processor.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.engagement.processor.mapping.UnknownColumns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The shared pipeline metric names (see the briefing), tagged {@code stage="stream-processor"}. */
@ApplicationScoped
public class PipelineMetrics {
    private static final Logger LOG = Logger.getLogger(PipelineMetrics.class);
    public static final String STAGE = "stream-processor";
    private static final Duration[] SLOS = { Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter staleVersions;
    private final Timer stageLatency;
    private final Map<String, Counter> recordsOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> dlq = new ConcurrentHashMap<>();
    /** Per source table: registered at start, so a dashboard or alert sees 0 before the first one. */
    private final Map<String, Counter> unknownColumns = new ConcurrentHashMap<>();
    private final Set<String> unknownColumnsLogged = ConcurrentHashMap.newKeySet();
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
        for (String table : List.of(UnknownColumns.EVENTS_TABLE, UnknownColumns.CONTENT_TABLE)) {
            unknownColumns.put(table, Counter.builder("pipeline_source_unknown_columns").tag("stage", STAGE)
                    .tag("table", table).description("Values of source columns the contract does not know, skipped "
                            + "(a column added to or renamed in the source table)").register(registry));
        }
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

    /** A source column nobody reads: counted per row, logged once per column (the column name stays out of tags). */
    public void unknownColumn(String table, String column) {
        unknownColumns.get(table).increment();
        if (unknownColumnsLogged.add(table + "." + column)) {
            LOG.warnf("source table %s has a column %s the pipeline does not know: its values are skipped. Renamed or "
                    + "added in the source? (counted in pipeline_source_unknown_columns_total)", table, column);
        }
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
