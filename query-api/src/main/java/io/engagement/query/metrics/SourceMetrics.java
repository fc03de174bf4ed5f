package io.engagement.query.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.engagement.query.backfill.ConnectClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the source side looks like, for the alerts no pipeline service can raise on its own: whether the Debezium
 * connector and its tasks run (a FAILED task stops CDC with lag 0 and no latency samples), how far each replication
 * slot lags behind the WAL in bytes, and how many rows the captured tables changed (input must follow). Read
 * every {@code pipeline.source-metrics.interval} from Kafka Connect's REST API and PostgreSQL's statistics views,
 * which query-api reaches anyway for backfills.
 */
@ApplicationScoped
public class SourceMetrics {
    private static final Logger LOG = Logger.getLogger(SourceMetrics.class);
    private static final String SLOTS = """
            SELECT slot_name, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag_bytes
            FROM pg_replication_slots WHERE confirmed_flush_lsn IS NOT NULL""";
    private static final String ROWS_CHANGED = """
            SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS changed
            FROM pg_stat_user_tables WHERE relname IN ('engagement_events', 'content')""";

    private final Vertx vertx;
    private final ConnectClient connect;
    private final Pool pool;
    private final MeterRegistry registry;
    private final String connector;
    private final Duration interval;
    private final AtomicLong connectorRunning = new AtomicLong();
    private final AtomicLong rowsChanged = new AtomicLong();
    private final Map<String, AtomicLong> slotLag = new ConcurrentHashMap<>();
    private long timer = -1;

    public SourceMetrics(Vertx vertx, @RestClient ConnectClient connect, Pool pool, MeterRegistry registry,
            @ConfigProperty(name = "pipeline.connect.connector", defaultValue = "engagement-postgres") String connector,
            @ConfigProperty(name = "pipeline.source-metrics.interval", defaultValue = "10s") Duration interval) {
        this.vertx = vertx;
        this.connect = connect;
        this.pool = pool;
        this.registry = registry;
        this.connector = connector;
        this.interval = interval;
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("pipeline_source_connector_running", connectorRunning, AtomicLong::get).tag("connector", connector)
                .description("1 while the Debezium connector and all its tasks are RUNNING, else 0").register(registry);
        FunctionCounter.builder("pipeline_source_rows_changed_total", rowsChanged, AtomicLong::get)
                .description("Rows inserted, updated or deleted in the captured source tables (PostgreSQL statistics)")
                .register(registry);
        refresh();
        timer = vertx.setPeriodic(interval.toMillis(), id -> refresh());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refresh() {
        connect.status(connector).subscribe().with(
                status -> connectorRunning.set(status.running() ? 1 : 0),
                failure -> {
                    // Connect unreachable or the connector unknown: nothing captures the source.
                    connectorRunning.set(0);
                    LOG.debugf("connector status unavailable: %s", failure.getMessage());
                });
        pool.query(SLOTS).execute().subscribe().with(rows -> {
            for (Row row : rows) {
                slotLag.computeIfAbsent(row.getString("slot_name"), this::slotGauge).set(row.getLong("lag_bytes"));
            }
        }, failure -> LOG.debugf("replication slot lag unavailable: %s", failure.getMessage()));
        pool.query(ROWS_CHANGED).execute().subscribe().with(
                rows -> rowsChanged.set(rows.iterator().next().getLong("changed")),
                failure -> LOG.debugf("source table statistics unavailable: %s", failure.getMessage()));
    }

    private AtomicLong slotGauge(String slot) {
        AtomicLong lag = new AtomicLong();
        Gauge.builder("pipeline_source_slot_lag_bytes", lag, AtomicLong::get).tag("slot", slot)
                .description("WAL bytes the replication slot's consumer has not confirmed yet").register(registry);
        return lag;
    }
}
