package io.engagement.loader.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import io.engagement.loader.metrics.LoaderMetrics;
import io.engagement.loader.schema.SchemaMigrator;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Writes JSONEachRow lines into {@code engagement_events}. An unavailable server is retried here with exponential backoff
 * for as long as it takes (the consumer waits, nothing is committed meanwhile); rows the server refuses are reported
 * to the caller, which isolates them.
 */
@ApplicationScoped
public class ClickHouseSink {
    static final String TABLE = "engagement_events";
    private static final Logger LOG = Logger.getLogger(ClickHouseSink.class);
    private static final byte[] NEWLINE = {'\n'};

    private final Client client;
    private final SchemaMigrator schema;
    private final LoaderMetrics metrics;
    private volatile boolean lastWriteFailed;
    private final AtomicLong lastAcceptedNanos = new AtomicLong(System.nanoTime());

    ClickHouseSink(Client client, SchemaMigrator schema, LoaderMetrics metrics) {
        this.client = client;
        this.schema = schema;
        this.metrics = metrics;
    }

    /**
     * Inserts all rows in one request; returns once ClickHouse acknowledged them.
     *
     * @throws RowsRejectedException when ClickHouse refuses the data (never retried)
     * @throws UnexplainedFailureException when it refuses without an error code (not retried here)
     */
    @Retry(retryOn = ClickHouseUnavailableException.class, maxRetries = -1, maxDuration = 0, delay = 200, jitter = 50)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    public void insert(List<byte[]> jsonRows) {
        try {
            schema.ensureApplied();
            Timer.Sample sample = Timer.start();
            client.insert(TABLE, out -> {
                for (byte[] row : jsonRows) {
                    out.write(row);
                    out.write(NEWLINE);
                }
            }, ClickHouseFormat.JSONEachRow, new InsertSettings()).get(60, TimeUnit.SECONDS).close();
            sample.stop(metrics.sinkWrite());
            lastAcceptedNanos.set(System.nanoTime());
            lastWriteFailed = false;
        } catch (RowsRejectedException | ClickHouseUnavailableException | UnexplainedFailureException e) {
            lastWriteFailed = e instanceof ClickHouseUnavailableException;
            throw e;
        } catch (Exception e) {
            RuntimeException classified = ClickHouseErrors.classify(e, "INSERT INTO " + TABLE + " FORMAT JSONEachRow ("
                    + jsonRows.size() + " rows)");
            lastWriteFailed = classified instanceof ClickHouseUnavailableException;
            if (lastWriteFailed) {
                LOG.warnf("%s; retrying with backoff", classified.getMessage());
            } else {
                LOG.debugf("%s; first row: %s", classified.getMessage(), excerpt(jsonRows));
            }
            throw classified;
        }
    }

    /** Whether the server accepted an insert after this {@link System#nanoTime()} instant. */
    public boolean acceptedSince(long nanoTime) {
        return lastAcceptedNanos.get() - nanoTime > 0;
    }

    /** False while writes fail for reasons other than bad rows: readiness reports it. */
    public boolean writable() {
        return !lastWriteFailed;
    }

    private static String excerpt(List<byte[]> rows) {
        String first = rows.isEmpty() ? "" : new String(rows.get(0), StandardCharsets.UTF_8);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
