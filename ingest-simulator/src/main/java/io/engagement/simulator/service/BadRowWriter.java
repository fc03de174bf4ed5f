package io.engagement.simulator.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows PostgreSQL accepts but the pipeline must survive. Each comes back with its kind and whether downstream
 * should enrich it ({@code valid}) or dead-letter it ({@code dlq}), so tests can check every sink against it.
 */
@ApplicationScoped
public class BadRowWriter {
    static final int LARGE_PAYLOAD_BYTES = 100 * 1024;
    private static final String INSERT_CONTENT = """
            INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)
            VALUES ($1, $2, $3, $4, $5, now() - interval '1 day')""";
    private static final String INSERT_EVENT = """
            INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device, raw_payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id""";

    private final Pool pool;

    public BadRowWriter(Pool pool) {
        this.pool = pool;
    }

    public record BadRow(long eventId, String kind, UUID contentId, String expectation) {
    }

    private record Planned(String kind, String expectation, UUID contentId, String eventType, OffsetDateTime eventTs,
            Integer durationMs, String device, String payload) {
    }

    public Uni<List<BadRow>> write() {
        UUID zeroLength = UUID.randomUUID();
        UUID nullLength = UUID.randomUUID();
        UUID racing = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String plain = new JsonObject().put("source", "bad-rows").encode();
        List<Planned> plan = List.of(
                new Planned("zero-length-content", "valid", zeroLength, "pause", now, 30_000, "ios", plain),
                new Planned("null-length-content", "valid", nullLength, "finish", now, 12_345, "android", plain),
                new Planned("racing-content", "valid", racing, "play", now, null, "web-chrome", plain),
                new Planned("racing-content", "valid", racing, "pause", now, 61_500, "web-chrome", plain),
                new Planned("odd-unicode", "valid", racing, "click", now, null, "wéb-😀-\u202Eרשת\u200B",
                        new JsonObject().put("note", "ünïcödé 🎧 \u202E مرحبا \u200D 🏳️‍🌈").encode()),
                new Planned("large-payload", "valid", racing, "click", now, null, "smart-tv",
                        new JsonObject().put("blob", "x".repeat(LARGE_PAYLOAD_BYTES)).encode()),
                new Planned("negative-duration", "dlq", racing, "pause", now, -5_000, "ios", plain),
                new Planned("absurd-duration", "dlq", racing, "pause", now, 2_000_000_000, "ios", plain),
                new Planned("null-content-id", "dlq", null, "play", now, null, "ios", plain),
                new Planned("null-event-type", "dlq", racing, null, now, 1_000, "ios", plain),
                new Planned("future-event-ts", "dlq", racing, "play",
                        OffsetDateTime.of(2200, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), null, "ios", plain),
                new Planned("past-event-ts", "dlq", racing, "play",
                        OffsetDateTime.of(1971, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), null, "ios", plain));
        // One transaction: the racing content commits together with its events, so on the two CDC topics the
        // events can overtake their content.
        return pool.withTransaction(conn -> insertContent(conn, zeroLength, "video", 0)
                .chain(() -> insertContent(conn, nullLength, "video", null))
                .chain(() -> insertContent(conn, racing, "podcast", 1_800))
                .chain(() -> Multi.createFrom().iterable(plan)
                        .onItem().transformToUniAndConcatenate(p -> insertEvent(conn, p))
                        .collect().asList()));
    }

    private Uni<Void> insertContent(SqlConnection conn, UUID id, String type, Integer length) {
        String slug = "bad-rows-" + type + "-" + id;
        return conn.preparedQuery(INSERT_CONTENT)
                .execute(Tuple.of(id, slug, "Bad rows: " + type + " with length " + length, type, length))
                .replaceWithVoid();
    }

    private Uni<BadRow> insertEvent(SqlConnection conn, Planned p) {
        List<Object> values = new ArrayList<>();
        values.add(p.contentId());
        values.add(UUID.randomUUID());
        values.add(p.eventType());
        values.add(p.eventTs());
        values.add(p.durationMs());
        values.add(p.device());
        values.add(p.payload());
        return conn.preparedQuery(INSERT_EVENT).execute(Tuple.from(values))
                .map(rows -> new BadRow(rows.iterator().next().getLong("id"), p.kind(), p.contentId(),
                        p.expectation()));
    }
}
