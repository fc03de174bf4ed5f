package io.engagement.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.ContentChange;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/** Debezium, as ./pipeline configures it, captures what the pipeline needs from the source tables. */
class CdcCaptureTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void insertedEventArrivesWithEnvelopeAndCommitTime() throws Exception {
        try (KafkaConsumer<String, String> consumer = LocalStack.consumerAtEnd(Topics.EVENTS_CDC);
                Connection conn = LocalStack.connect()) {
            UUID content = insertContent(conn, "podcast", 1800);
            long before = System.currentTimeMillis();
            long id = insertEvent(conn, content, "pause", 42_500, "{\"k\": \"v\"}");

            ConsumerRecord<String, String> record = LocalStack.awaitRecord(consumer,
                    r -> r.value().contains("\"id\":" + id + ","), DEADLINE);
            EngagementEventChange change = JsonSerdes.mapper().readValue(record.value(), EngagementEventChange.class);

            assertEquals(CdcOp.CREATE, change.op());
            assertNull(change.before());
            assertEquals(id, change.after().id());
            assertEquals(content, change.after().contentId());
            assertEquals("pause", change.after().eventType());
            assertEquals(42_500, change.after().durationMs());
            assertEquals("web-safari", change.after().device());
            assertEquals("{\"k\": \"v\"}", change.after().rawPayload(), "JSONB arrives as a JSON string");
            assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), change.after().eventTs());
            assertNotNull(change.source().tsMs(), "source.ts_ms is the commit time end-to-end latency starts from");
            assertTrue(change.source().tsMs() >= before - 1_000 && change.source().tsMs() <= System.currentTimeMillis(),
                    "source.ts_ms is the commit time, not the event time");
            assertEquals("{\"id\":" + id + "}", record.key());
        }
    }

    @Test
    void contentUpdateArrivesWithBeforeAndAfter() throws Exception {
        try (KafkaConsumer<String, String> consumer = LocalStack.consumerAtEnd(Topics.CONTENT_CDC);
                Connection conn = LocalStack.connect()) {
            UUID content = insertContent(conn, "video", 300);
            try (PreparedStatement update = conn.prepareStatement(
                    "UPDATE content SET title = 'Retitled', length_seconds = 360 WHERE id = ?")) {
                update.setObject(1, content);
                assertEquals(1, update.executeUpdate());
            }

            ConsumerRecord<String, String> record = LocalStack.awaitRecord(consumer,
                    r -> r.value().contains(content.toString()) && r.value().contains("\"op\":\"u\""), DEADLINE);
            ContentChange change = JsonSerdes.mapper().readValue(record.value(), ContentChange.class);

            assertEquals(CdcOp.UPDATE, change.op());
            assertEquals(content, change.after().id());
            assertEquals("Retitled", change.after().title());
            assertEquals(360, change.after().lengthSeconds());
            assertEquals("video", change.after().contentType());
            assertEquals("{\"id\":\"" + content + "\"}", record.key());
        }
    }

    @Test
    void incrementalSnapshotSignalReemitsExistingRowsAsReads() throws Exception {
        try (KafkaConsumer<String, String> consumer = LocalStack.consumerAtEnd(Topics.EVENTS_CDC);
                Connection conn = LocalStack.connect()) {
            UUID content = insertContent(conn, "newsletter", null);
            long first = insertEvent(conn, content, "click", null, null);
            long second = insertEvent(conn, content, "finish", 90_000, "{}");
            LocalStack.awaitRecord(consumer, r -> r.value().contains("\"id\":" + second + ","), DEADLINE);

            try (PreparedStatement signal = conn.prepareStatement(
                    "INSERT INTO debezium_signal (id, type, data) VALUES (?, 'execute-snapshot', ?)")) {
                signal.setString(1, "test-" + UUID.randomUUID());
                signal.setString(2, """
                        {"data-collections": ["public.engagement_events"], "type": "incremental",
                         "additional-conditions": [{"data-collection": "public.engagement_events",
                                                    "filter": "id IN (%d, %d)"}]}""".formatted(first, second));
                signal.executeUpdate();
            }

            List<ConsumerRecord<String, String>> replays = LocalStack.awaitRecords(consumer,
                    r -> r.value().contains(content.toString()) && r.value().contains("\"op\":\"r\""), 2, DEADLINE);
            Set<Long> replayedIds = new HashSet<>();
            for (ConsumerRecord<String, String> replay : replays) {
                EngagementEventChange change = JsonSerdes.mapper().readValue(replay.value(),
                        EngagementEventChange.class);
                assertEquals(CdcOp.READ, change.op());
                assertEquals("incremental", change.source().snapshot());
                replayedIds.add(change.after().id());
            }
            assertEquals(Set.of(first, second), replayedIds, "exactly the rows the filter selects are re-read");
        }
    }

    static UUID insertContent(Connection conn, String type, Integer length) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = conn.prepareStatement("""
                INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)
                VALUES (?, ?, ?, ?, ?, now())""")) {
            insert.setObject(1, id);
            insert.setString(2, "cdc-test-" + id);
            insert.setString(3, "CDC test " + type);
            insert.setString(4, type);
            insert.setObject(5, length);
            insert.executeUpdate();
        }
        return id;
    }

    static long insertEvent(Connection conn, UUID content, String type, Integer durationMs, String payload)
            throws Exception {
        try (PreparedStatement insert = conn.prepareStatement("""
                INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device, raw_payload)
                VALUES (?, ?, ?, ?, ?, 'web-safari', ?::jsonb) RETURNING id""")) {
            insert.setObject(1, content);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, type);
            insert.setTimestamp(4, Timestamp.from(Instant.parse("2026-01-02T03:04:05.678Z")));
            insert.setObject(5, durationMs);
            insert.setString(6, payload);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
