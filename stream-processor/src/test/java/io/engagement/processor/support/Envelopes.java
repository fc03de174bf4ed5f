package io.engagement.processor.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.engagement.contracts.JsonSerdes;

/** Debezium envelopes (JSON, schemas disabled) exactly as the connector writes them, for tests and the benchmark. */
public final class Envelopes {

    private Envelopes() {
    }

    public static byte[] contentKey(UUID id) {
        return ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] eventKey(long id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode contentRow(UUID id, String slug, String title, String type, Integer lengthSeconds) {
        ObjectNode row = JsonSerdes.mapper().createObjectNode();
        row.put("id", id.toString()).put("slug", slug).put("title", title).put("content_type", type)
                .put("length_seconds", lengthSeconds).put("publish_ts", "2024-03-01T12:00:00.000000Z");
        return row;
    }

    public static ObjectNode eventRow(long id, UUID contentId, String eventType, Instant eventTs, Integer durationMs) {
        ObjectNode row = JsonSerdes.mapper().createObjectNode();
        row.put("id", id).put("content_id", contentId == null ? null : contentId.toString())
                .put("user_id", "5a0b7c9e-0000-4000-8000-000000000001").put("event_type", eventType)
                .put("event_ts", eventTs == null ? null : eventTs.toString()).put("duration_ms", durationMs)
                .put("device", "ios").put("raw_payload", "{\"ab\":\"b\"}");
        return row;
    }

    public static byte[] envelope(String op, ObjectNode before, ObjectNode after, String table, long sourceTsMs) {
        return envelope(op, before, after, table, sourceTsMs, 5678);
    }

    /** An envelope at source position {@code lsn} (Debezium's {@code source.lsn}; for a replay, its {@code sequence}). */
    public static byte[] envelope(String op, ObjectNode before, ObjectNode after, String table, long sourceTsMs,
            long lsn) {
        ObjectNode envelope = JsonSerdes.mapper().createObjectNode();
        envelope.set("before", before);
        envelope.set("after", after);
        ObjectNode source = envelope.putObject("source");
        source.put("version", "3.6.1.Final").put("connector", "postgresql").put("name", "pg")
                .put("ts_ms", sourceTsMs).put("snapshot", "r".equals(op) ? "incremental" : "false")
                .put("db", "engagement").put("schema", "public").put("table", table);
        if ("r".equals(op)) {
            // As Debezium writes an incremental snapshot read: no lsn or txId of its own, the streaming position
            // the read was emitted at in sequence ([last commit LSN, LSN]).
            source.putNull("txId").putNull("lsn").put("sequence", "[\"" + lsn + "\",\"" + lsn + "\"]");
        } else {
            source.put("txId", 1234).put("lsn", lsn).put("sequence", "[null,\"" + lsn + "\"]");
        }
        envelope.put("op", op).put("ts_ms", sourceTsMs + 3);
        return bytes(envelope);
    }

    public static byte[] content(String op, ObjectNode row, long sourceTsMs) {
        return envelope(op, null, row, "content", sourceTsMs);
    }

    public static byte[] event(String op, ObjectNode row, long sourceTsMs) {
        return envelope(op, null, row, "engagement_events", sourceTsMs);
    }

    /** A delete as Debezium writes it for a table with the default replica identity: {@code before} holds the key. */
    public static byte[] eventDelete(long id, long sourceTsMs, long lsn) {
        ObjectNode key = JsonSerdes.mapper().createObjectNode().put("id", id);
        return envelope("d", key, null, "engagement_events", sourceTsMs, lsn);
    }

    public static byte[] bytes(ObjectNode node) {
        try {
            return JsonSerdes.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
