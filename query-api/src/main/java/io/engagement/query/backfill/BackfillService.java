package io.engagement.query.backfill;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.engagement.query.config.BackfillConfig;
import io.engagement.query.rest.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Backfills are Debezium incremental snapshots started through the signal table: the re-read rows travel the
 * live path marked {@code op=r}, and because every stage is idempotent they restore a sink without changing a
 * total. Progress comes from the connector's committed offset, read through Kafka Connect's REST API. One runs at
 * a time (a transaction-scoped advisory lock serializes the check and the start), and a request repeated with the
 * same idempotency key returns the backfill the first one started.
 */
@ApplicationScoped
public class BackfillService {
    static final List<String> TABLES = List.of("engagement_events", "content");
    /** Key of the advisory lock that serializes starts (any constant unique to this purpose). */
    private static final long START_LOCK = 0x6261636b66696cL;

    /** What POST /admin/backfill did: started a backfill, or found the one this idempotency key started. */
    public record Started(Backfill backfill, boolean created) {
    }

    private static final String SELECT_REQUEST = """
            SELECT id, requested_at, from_ts, to_ts, tables, expected_rows, max_event_id,
                   (signal_lsn - '0/0'::pg_lsn)::bigint AS signal_lsn
            FROM backfill_requests""";

    private final Pool pool;
    private final ConnectClient connect;
    private final String connector;
    private final long maxRows;

    public BackfillService(Pool pool, @RestClient ConnectClient connect,
            @ConfigProperty(name = "pipeline.connect.connector", defaultValue = "engagement-postgres") String connector,
            BackfillConfig config) {
        this.pool = pool;
        this.connect = connect;
        this.connector = connector;
        this.maxRows = config.maxRows();
    }

    public Uni<Started> start(BackfillRequest request, String idempotencyKey) {
        Instant from = request == null ? null : request.from();
        Instant to = request == null ? null : request.to();
        List<String> tables = request == null || request.tables() == null || request.tables().isEmpty()
                ? List.of("engagement_events") : List.copyOf(request.tables());
        for (String table : tables) {
            if (!TABLES.contains(table)) {
                throw new InvalidRequestException("tables", "unknown table '" + table + "'; allowed: " + TABLES);
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        UUID id = UUID.randomUUID();
        String eventFilter = eventFilter(from, to);
        JsonObject signal = new JsonObject()
                .put("data-collections", new JsonArray(tables.stream().map(t -> "public." + t).toList()))
                .put("type", "incremental");
        if (eventFilter != null && tables.contains("engagement_events")) {
            signal.put("additional-conditions", new JsonArray().add(new JsonObject()
                    .put("data-collection", "public.engagement_events").put("filter", eventFilter)));
        }
        String countSql = "SELECT count(*) AS n, max(id) AS max_id FROM engagement_events"
                + (eventFilter == null ? "" : " WHERE " + eventFilter);
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(START_LOCK))
                .chain(() -> idempotencyKey == null ? Uni.createFrom().item(Optional.<UUID>empty())
                        : conn.preparedQuery("SELECT id FROM backfill_requests WHERE idempotency_key = $1")
                                .execute(Tuple.of(idempotencyKey))
                                .map(rows -> rows.iterator().hasNext()
                                        ? Optional.of(rows.iterator().next().getUUID("id")) : Optional.<UUID>empty()))
                .chain(existing -> existing.isPresent()
                        ? progress(existing.get(), conn).map(found -> new Started(found.orElseThrow(), false))
                        : requireNoneUnfinished(conn)
                                .chain(() -> conn.query(countSql).execute().map(rows -> rows.iterator().next()))
                                .invoke(counts -> requireWithinCap(tables, counts.getLong("n")))
                                .call(counts -> conn.preparedQuery(
                                        "INSERT INTO debezium_signal (id, type, data) VALUES ($1, 'execute-snapshot', $2)")
                                        .execute(Tuple.of(id.toString(), signal.encode())))
                                .call(counts -> conn.preparedQuery("""
                                        INSERT INTO backfill_requests (id, from_ts, to_ts, tables, expected_rows,
                                            max_event_id, signal_lsn, idempotency_key)
                                        VALUES ($1, $2, $3, $4, $5, $6, pg_current_wal_insert_lsn(), $7)""")
                                        .execute(Tuple.from(Arrays.asList(id, offsetOrNull(from), offsetOrNull(to),
                                                tables.toArray(String[]::new),
                                                tables.contains("engagement_events") ? counts.getLong("n") : 0L,
                                                counts.getLong("max_id") == null ? 0L : counts.getLong("max_id"),
                                                idempotencyKey))))
                                .chain(() -> progress(id, conn)).map(found -> new Started(found.orElseThrow(), true))));
    }

    /** Refuses, before anything is signalled, a range holding more events than one backfill may re-read. */
    private void requireWithinCap(List<String> tables, long rows) {
        if (tables.contains("engagement_events") && rows > maxRows) {
            throw new InvalidRequestException("from", "the range holds " + rows + " events, more than one backfill"
                    + " re-reads (pipeline.backfill.max-rows = " + maxRows + "); narrow it with from and to");
        }
    }

    /** Fails with a conflict while the newest backfill is still pending or running. */
    private Uni<Void> requireNoneUnfinished(SqlConnection conn) {
        return conn.query(SELECT_REQUEST + " ORDER BY requested_at DESC LIMIT 1").execute()
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : position().chain(position -> status(rows.iterator().next(), position, conn))
                                .invoke(latest -> {
                                    if (!"done".equals(latest.status())) {
                                        throw new BackfillConflictException(latest.id(), latest.status());
                                    }
                                }).replaceWithVoid());
    }

    public Uni<Optional<Backfill>> progress(UUID id) {
        return pool.withConnection(conn -> progress(id, conn));
    }

    private Uni<Optional<Backfill>> progress(UUID id, SqlConnection conn) {
        return conn.preparedQuery(SELECT_REQUEST + " WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<Backfill>empty());
                    }
                    Row row = rows.iterator().next();
                    return position().chain(position -> status(row, position, conn)).map(Optional::of);
                });
    }

    private Uni<SnapshotPosition> position() {
        return connect.offsets(connector).map(offsets -> offsets.offsets().stream()
                .map(o -> SnapshotPosition.of(o.offset())).findFirst()
                .orElse(new SnapshotPosition(0, Optional.empty(), Optional.empty())));
    }

    private Uni<Backfill> status(Row row, SnapshotPosition position, SqlConnection conn) {
        UUID id = row.getUUID("id");
        long expected = row.getLong("expected_rows");
        Instant from = instant(row.getOffsetDateTime("from_ts"));
        Instant to = instant(row.getOffsetDateTime("to_ts"));
        List<String> tables = List.of(row.getArrayOfStrings("tables"));
        Instant requestedAt = row.getOffsetDateTime("requested_at").toInstant();
        boolean running = position.correlationId().filter(id.toString()::equals).isPresent();
        if (running && position.lastKey().isPresent()) {
            String filter = eventFilter(from, to);
            String sql = "SELECT count(*) FROM engagement_events WHERE id <= $1 AND id <= $2"
                    + (filter == null ? "" : " AND " + filter);
            return conn.preparedQuery(sql).execute(Tuple.of(position.lastKey().get(), row.getLong("max_event_id")))
                    .map(rows -> new Backfill(id, "running", requestedAt, from, to, tables, expected,
                            rows.iterator().next().getLong(0)));
        }
        String status = running ? "running" : position.lsn() >= row.getLong("signal_lsn") ? "done" : "pending";
        return Uni.createFrom().item(new Backfill(id, status, requestedAt, from, to, tables, expected,
                "done".equals(status) ? expected : 0));
    }

    /** SQL over event_ts; built from parsed instants only, so nothing a client sends reaches the SQL text. */
    static String eventFilter(Instant from, Instant to) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("event_ts >= '" + from + "'");
        }
        if (to != null) {
            conditions.add("event_ts < '" + to + "'");
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    private static OffsetDateTime offsetOrNull(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
