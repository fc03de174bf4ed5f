package io.engagement.query.clickhouse;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;

import io.engagement.contracts.ContentType;
import io.engagement.contracts.JsonSerdes;
import io.engagement.query.config.AnalyticsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Analytics over {@code engagement_events}, which holds versions of each event (the source is a changelog). Every
 * query reads {@code FINAL} and then only live rows ({@link #LIVE}), so an event delivered or replayed several times
 * counts once, a corrected event counts with its newest values only (in its new content and time), and a deleted one
 * not at all, whatever ClickHouse has merged yet. WHERE runs after FINAL here: conditions on a FINAL read are not
 * moved to PREWHERE on 18.16 nor by default on current servers (optimize_move_to_prewhere_if_final = 0). Ranges are [from, to) on the event's millisecond timestamp; the
 * DateTime bounds only let ClickHouse skip partitions and granules. All literals come from parsed, typed values
 * (UUID, Instant, enums), which is why plain string building is safe here (18.16 has no query parameters).
 */
@ApplicationScoped
public class AnalyticsQueries {
    private static final Logger LOG = Logger.getLogger(AnalyticsQueries.class);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ObjectReader ROWS = JsonSerdes.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String SECONDS = "sum(ifNull(engagement_seconds, toDecimal64(0, 3)))";
    private static final long TIMEOUT_S = 30;
    private static final Duration KILL_RETRY = Duration.ofMillis(200);
    /** The newest version of every event that is not deleted: what PostgreSQL holds now. */
    static final String LIVE = "engagement_events FINAL WHERE is_deleted = 0";

    private final Client client;
    private final long maxExecutionSeconds;
    private final Counter cancelled;

    AnalyticsQueries(Client client, AnalyticsConfig config, MeterRegistry registry) {
        this.client = client;
        this.maxExecutionSeconds = Math.max(1, config.maxExecutionTime().toSeconds());
        this.cancelled = Counter.builder("pipeline.analytics.cancelled")
                .description("Analytics requests whose client went away before the answer; their query was cancelled")
                .register(registry);
    }

    public Uni<List<SeriesPoint>> contentSeries(UUID contentId, Instant from, Instant to, Granularity granularity) {
        String sql = "SELECT " + granularity.truncate("event_ts") + " AS bucket, count() AS events, "
                + SECONDS + " AS engagement_seconds, uniqExact(user_id) AS users"
                + " FROM " + LIVE + " AND content_id = '" + contentId + "' AND " + range(from, to)
                + " GROUP BY bucket ORDER BY bucket FORMAT JSONEachRow";
        return query(sql, row -> new SeriesPoint(
                LocalDateTime.parse(row.get("bucket").asText(), DATE_TIME).toInstant(ZoneOffset.UTC),
                row.get("events").asLong(), row.get("engagement_seconds").decimalValue(), row.get("users").asLong()));
    }

    public Uni<List<ContentRanking>> top(Instant from, Instant to, TopMetric by, Optional<ContentType> type, int limit) {
        // Aliases must not shadow columns the WHERE clause filters on (content_type), or ClickHouse reads the alias.
        String sql = "SELECT toString(content_id) AS content_id, argMax(slug, processed_ts_ms) AS slug,"
                + " argMax(title, processed_ts_ms) AS title, toString(argMax(content_type, processed_ts_ms)) AS type_name,"
                + " count() AS events, " + SECONDS + " AS engagement_seconds,"
                + " round(avg(toFloat64(engagement_pct)), 2) AS avg_completion_pct,"
                + " countIf(event_type = 'finish') AS finishes"
                + " FROM " + LIVE + " AND " + range(from, to)
                + type.map(t -> " AND content_type = '" + t.wire() + "'").orElse("")
                + " GROUP BY content_id ORDER BY " + by.column + " DESC, content_id LIMIT " + limit + " FORMAT JSONEachRow";
        return query(sql, row -> new ContentRanking(UUID.fromString(row.get("content_id").asText()),
                row.get("slug").asText(), row.get("title").asText(), emptyToNull(row.get("type_name").asText()),
                row.get("events").asLong(), row.get("engagement_seconds").decimalValue(),
                decimalOrNull(row.get("avg_completion_pct")), row.get("finishes").asLong()));
    }

    public Uni<List<DeviceBreakdown>> devices(Instant from, Instant to) {
        String sql = "SELECT ifNull(device, '') AS device, count() AS events, " + SECONDS + " AS engagement_seconds,"
                + " uniqExact(user_id) AS users FROM " + LIVE + " AND " + range(from, to)
                + " GROUP BY device ORDER BY events DESC, device FORMAT JSONEachRow";
        return query(sql, row -> new DeviceBreakdown(row.get("device").asText(), row.get("events").asLong(),
                row.get("engagement_seconds").decimalValue(), row.get("users").asLong()));
    }

    /** True when ClickHouse answers and the loader has created the table analytics read. */
    public boolean ready() {
        try {
            return run(new InFlightQuery("EXISTS TABLE engagement_events FORMAT JSONEachRow"),
                    row -> row.path("result").asInt()).equals(List.of(1));
        } catch (AnalyticsUnavailableException e) {
            return false;
        }
    }

    private static String range(Instant from, Instant to) {
        return "event_ts >= toDateTime('" + DATE_TIME.format(from) + "', 'UTC')"
                + " AND event_ts <= toDateTime('" + DATE_TIME.format(to) + "', 'UTC')"
                + " AND event_ts_ms >= " + from.toEpochMilli() + " AND event_ts_ms < " + to.toEpochMilli();
    }

    /**
     * The query on a worker thread, so that the request's event loop notices a client that goes away: Quarkus REST
     * then cancels the Uni, and the query is killed on the server. ClickHouse would not stop on its own: a GROUP BY
     * writes nothing before it is done, so it never sees the closed connection and runs on to max_execution_time.
     */
    private <T> Uni<List<T>> query(String sql, Function<JsonNode, T> mapper) {
        InFlightQuery query = new InFlightQuery(sql);
        return Uni.createFrom().item(() -> query.start() ? run(query, mapper) : List.<T>of())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onCancellation().invoke(() -> cancel(query));
    }

    /** On the thread that saw the client go away (an event loop): nothing here may block. */
    private void cancel(InFlightQuery query) {
        InFlightQuery.State was = query.cancel();
        cancelled.increment();
        LOG.infof("Analytics query %s cancelled after %d ms: its client went away%s", query.id(),
                query.age().toMillis(), was == InFlightQuery.State.RUNNING ? "; killing it in ClickHouse" : "");
        if (was == InFlightQuery.State.RUNNING) {
            Infrastructure.getDefaultWorkerPool().execute(() -> kill(query));
        }
    }

    /**
     * KILL until ClickHouse has answered: a KILL that arrives while the query is still on its way finds nothing.
     * ASYNC, because the answer to the query itself is what says the query has stopped.
     */
    private void kill(InFlightQuery query) {
        String kill = "KILL QUERY WHERE query_id = '" + query.id() + "' ASYNC FORMAT TSV";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxExecutionSeconds);
        try {
            do {
                client.query(kill).get(TIMEOUT_S, TimeUnit.SECONDS).close();
            } while (!query.awaitAnswer(KILL_RETRY) && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The query then ends at max_execution_time, as it did before cancellation existed.
            LOG.warnf("Could not kill analytics query %s (%s)", query.id(), e);
        }
    }

    private <T> List<T> run(InFlightQuery query, Function<JsonNode, T> mapper) {
        QuerySettings settings = new QuerySettings().setQueryId(query.id())
                .serverSetting("max_execution_time", Long.toString(maxExecutionSeconds));
        try (QueryResponse response = client.query(query.sql(), settings).get(TIMEOUT_S, TimeUnit.SECONDS);
                InputStream in = response.getInputStream();
                MappingIterator<JsonNode> rows = ROWS.readValues(in)) {
            List<T> result = new ArrayList<>();
            while (rows.hasNext()) {
                result.add(mapper.apply(rows.next()));
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsUnavailableException(e);
        } catch (Exception e) {
            if (query.cancelled()) {
                // Killed for a client that is gone: no one waits for this answer (and Mutiny would log a failure).
                LOG.debugf("Analytics query %s ended after its cancellation (%s)", query.id(), e);
                return List.of();
            }
            // 18.16 returns errors as a bare HTTP status: the SQL is the only clue in the log.
            LOG.errorf("ClickHouse query %s failed (%s): %s", query.id(), e, query.sql());
            throw new AnalyticsUnavailableException(e);
        } finally {
            query.answered();
        }
    }

    private static BigDecimal decimalOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** ClickHouse did not answer; the API says 503 rather than pretending there is no data. */
    public static class AnalyticsUnavailableException extends RuntimeException {
        AnalyticsUnavailableException(Throwable cause) {
            super("ClickHouse unavailable", cause);
        }
    }
}
