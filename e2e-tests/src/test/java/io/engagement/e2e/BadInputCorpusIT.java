package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.SourcePartitions;
import io.engagement.contracts.Topics;

/**
 * A corpus of bad input, one case per class, written into the source table and straight onto every topic between
 * good records: each case ends exactly where the consuming stage's code says (a dead letter on engagements.dlq with
 * that stage, reason and source topic, or accepted and present in the sinks named), nothing else is dead-lettered,
 * the DLQ counters count each dead letter once, the connector stays RUNNING, and every good record written before,
 * between and after the bad ones reaches ClickHouse, the webhook receiver and the live window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusIT {
    private static final String PROCESSOR = "stream-processor";
    private static final String LOADER = "clickhouse-loader";
    private static final String FORWARDER = "external-forwarder";
    private static final String PROJECTOR = "redis-projector";
    private static final Map<String, String> METRICS_PORTS = Map.of(
            PROCESSOR, Stack.env("STREAM_PROCESSOR_PORT", "58182"),
            PROJECTOR, Stack.env("REDIS_PROJECTOR_PORT", "58183"),
            LOADER, Stack.env("CLICKHOUSE_LOADER_PORT", "58184"),
            FORWARDER, Stack.env("EXTERNAL_FORWARDER_PORT", "58185"));
    private static final String CONNECT = "http://127.0.0.1:" + Stack.env("CONNECT_PORT", "58083")
            + "/connectors/engagement-postgres/status";
    private static final int GOOD_ROWS_PER_BATCH = 60;

    /** One class of bad input and where it must end: "stage reason" per dead letter, sorted; empty = none. */
    private final Map<String, List<String>> expectedDeadLetters = new TreeMap<>();
    /** Directly produced records (topic, partition, offset) and the SQL rows' event ids → their case. */
    private final Map<String, String> caseOfRecord = new HashMap<>();
    private final Map<Long, String> caseOfEventId = new HashMap<>();
    /** Event ids that must be in ClickHouse / at the receiver, and ids that must be in neither. */
    private final Set<Long> toClickHouse = new HashSet<>();
    private final Set<Long> toReceiver = new HashSet<>();
    private final Set<Long> nowhere = new HashSet<>();
    private final Map<String, String> sqlRefusals = new TreeMap<>();
    /** Per case, the length of the device in its dead letter's original envelope. */
    private final Map<String, Integer> deadLetterDevices = new HashMap<>();
    private final UUID content = UUID.randomUUID();
    private final UUID deletedContent = UUID.randomUUID();
    /** Ids of directly produced events: far above any BIGSERIAL value, unique per run. */
    private final long syntheticBase = System.currentTimeMillis() * 1000;
    private long nextSynthetic = syntheticBase;
    private final Random random = new Random(15);
    private Instant liveTs;
    private long baseline;
    private long upper;
    private Map<Integer, Long> dlqStart;
    private Map<String, Double> countersBefore;
    private double unknownEventColumnsBefore;
    private KafkaProducer<byte[], byte[]> producer;
    private long totalsBucketStartMs;

    @BeforeAll
    void writeTheCorpusBetweenGoodRecords() throws Exception {
        Fleet.start();
        Stack.setRate(0);
        // Mid-bucket a minute ago: inside the live window for the whole test.
        Instant minuteAgo = Instant.now().minusSeconds(60);
        liveTs = minuteAgo.truncatedTo(ChronoUnit.MINUTES).plusSeconds(minuteAgo.getEpochSecond() % 60 / 10 * 10 + 5);
        totalsBucketStartMs = liveTs.minusSeconds(5).toEpochMilli();
        producer = producer();
        dlqStart = TopicReader.endOffsets(Topics.DLQ);
        countersBefore = dlqCounters();
        unknownEventColumnsBefore = unknownEventColumns();
        baseline = GroundTruth.maxEventId();

        try (Connection pg = Stack.postgres()) {
            pg.setAutoCommit(true);
            insertContent(pg, content, "podcast");
            insertContent(pg, deletedContent, "video");
            execute(pg, "DELETE FROM content WHERE id = '" + deletedContent + "'");
            goodRows(pg);
            sourceTableCases(pg);
            goodRows(pg);
            directTopicCases();
            goodRows(pg);
        }
        producer.flush();
        upper = GroundTruth.maxEventId();
        Set<Long> valid = GroundTruth.validEvents(baseline, upper).keySet();
        toClickHouse.addAll(valid);
        toReceiver.addAll(valid);
        try {
            Progress.await("every good record in ClickHouse and at the receiver",
                    toClickHouse.size() + toReceiver.size(),
                    () -> Sinks.present(toClickHouse, Sinks.clickhouseIds(baseline, Long.MAX_VALUE))
                            + Sinks.present(toReceiver, Sinks.receivedIds(toReceiver)));
            long deadLetters = expectedDeadLetters.values().stream().mapToLong(List::size).sum();
            Progress.await("dead letters of the corpus", deadLetters, () -> deadLetters().values().stream()
                    .mapToLong(List::size).sum());
        } catch (AssertionError stuck) {
            // What a stuck stage left behind says which input stopped it.
            throw new AssertionError(stuck.getMessage() + "\nconnector: " + Stack.send("GET", CONNECT, null).body()
                    + "\nexpected dead letters: " + expectedDeadLetters + "\nfound: " + deadLetters(), stuck);
        }
    }

    @AfterAll
    void close() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void everyBadInputEndsExactlyWhereItsStageSays() {
        Map<String, List<String>> actual = new TreeMap<>();
        expectedDeadLetters.keySet().forEach(name -> actual.put(name, new ArrayList<>()));
        actual.putAll(deadLetters());
        actual.values().forEach(list -> list.sort(null));
        assertEquals(expectedDeadLetters, actual, "dead letters per case (\"unexpected\" = not from the corpus)");
    }

    @Test
    void rowsTooLargeAreDeadLetteredWithTheirOriginalBytes() {
        deadLetters();
        assertEquals(1_000_000, deadLetterDevices.get("row-of-1-mb"), "device in the 1 MB row's dead letter");
        assertEquals(2_000_000, deadLetterDevices.get("row-of-2-mb"), "device in the 2 MB row's dead letter");
    }

    @Test
    void sqlRefusesWhatItsConstraintsForbid() {
        assertEquals(Map.of("unknown-event-type", "23514", "event-for-deleted-content", "23503"), sqlRefusals,
                "SQLState per refused insert");
    }

    @Test
    void everyGoodRecordArrivedAndNoBadOneDid() {
        Set<Long> inClickHouse = Sinks.clickhouseIds(baseline, Long.MAX_VALUE);
        Set<Long> received = Sinks.receivedIds(union(toReceiver, nowhere));
        assertEquals(Set.of(), missing(toClickHouse, inClickHouse), "good records missing in ClickHouse");
        assertEquals(Set.of(), missing(toReceiver, received), "good records missing at the receiver");
        Set<Long> leaked = new HashSet<>(nowhere);
        leaked.retainAll(union(inClickHouse, received));
        assertEquals(Set.of(), leaked, "bad records that reached a sink");
    }

    @Test
    void schemaDriftKeepsTheRowWithWhatItStillNames() {
        String[] added = Stack.clickhouse("SELECT device FROM " + Stack.CLICKHOUSE_LIVE + " AND event_id = "
                + idOf("schema-drift-added-column")).get(0);
        assertEquals("added-column", added[0], "a row with an extra column keeps its known fields");
        String[] renamed = Stack.clickhouse("SELECT device, duration_ms FROM " + Stack.CLICKHOUSE_LIVE
                + " AND event_id = " + idOf("schema-drift-renamed-column")).get(0);
        assertEquals("\\N", renamed[0], "device renamed to device_kind: the processor no longer finds a device");
        assertEquals("4000", renamed[1], "the other fields of the renamed-column row");
        // drift_extra and device_kind, at least once each (rows written meanwhile carry drift_extra too).
        assertTrue(unknownEventColumns() - unknownEventColumnsBefore >= 2,
                "the rows' unknown columns are counted for the PipelineSourceSchemaDrift alert");
    }

    @Test
    void liveWindowCountsExactlyTheGoodRows() throws Exception {
        long events;
        try (Connection pg = Stack.postgres(); PreparedStatement query = pg.prepareStatement(
                "SELECT count(*) FROM engagement_events e WHERE e.content_id = ? AND e.id > ? AND e.id <= ? AND ("
                        + GroundTruth.VALID + ")")) {
            query.setObject(1, content);
            query.setLong(2, baseline);
            query.setLong(3, upper);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                events = rows.getLong(1);
            }
        }
        Progress.await("the live window of the test content counts its good rows", events, () -> liveEvents());
        assertEquals(events, liveEvents(), "/content/{id}/stats events of the test content");
    }

    @Test
    void dlqCountersCountEachDeadLetterOnce() {
        Map<String, Double> expected = new TreeMap<>();
        expectedDeadLetters.values().forEach(list -> list.forEach(letter -> expected.merge(letter, 1.0, Double::sum)));
        Map<String, Double> now = dlqCounters();
        Map<String, Double> delta = new TreeMap<>();
        now.forEach((key, value) -> {
            double d = value - countersBefore.getOrDefault(key, 0.0);
            if (d != 0) {
                delta.put(key, d);
            }
        });
        assertEquals(expected, delta, "pipeline_dlq_records_total{stage,reason} increase");
    }

    @Test
    void theConnectorKeptRunning() {
        JsonNode status = Stack.json("GET", CONNECT, null);
        assertEquals("RUNNING", status.path("connector").path("state").asText(), status.toString());
        assertEquals("RUNNING", status.path("tasks").path(0).path("state").asText(), status.toString());
    }

    // --- the source table ----------------------------------------------------------------------------------------

    private void sourceTableCases(Connection pg) throws Exception {
        sqlRow(pg, "negative-duration", content, "'play'", liveTs, "-1", "'ios'", PROCESSOR + " negative-duration");
        sqlRow(pg, "absurd-duration", content, "'play'", liveTs, "2000000000", "'ios'", PROCESSOR + " absurd-duration");
        sqlRow(pg, "null-content-id", null, "'play'", liveTs, "1000", "'ios'", PROCESSOR + " null-content-id");
        sqlRow(pg, "null-event-type", content, "NULL", liveTs, "1000", "'ios'", PROCESSOR + " missing-field");
        sqlRow(pg, "future-event-ts", content, "'play'", Instant.now().plus(1, ChronoUnit.DAYS), "1000", "'ios'",
                PROCESSOR + " event-ts-out-of-range");
        sqlRow(pg, "past-event-ts", content, "'play'", Instant.now().minus(4000, ChronoUnit.DAYS), "1000", "'ios'",
                PROCESSOR + " event-ts-out-of-range");
        // Random letters: what a compressing producer cannot shrink below the broker's limits.
        sqlRow(pg, "row-of-1-mb", content, "'play'", liveTs, "1000", "'" + letters(1_000_000) + "'",
                PROCESSOR + " too-large");
        sqlRow(pg, "row-of-2-mb", content, "'play'", liveTs, "1000", "'" + letters(2_000_000) + "'",
                PROCESSOR + " too-large");
        sqlRefusals.put("unknown-event-type", sqlState(() -> sqlRow(pg, "unknown-event-type", content, "'explode'",
                liveTs, "1000", "'ios'")));
        sqlRefusals.put("event-for-deleted-content", sqlState(() -> sqlRow(pg, "event-for-deleted-content",
                deletedContent, "'play'", liveTs, "1000", "'ios'")));
        try {
            execute(pg, "ALTER TABLE engagement_events ADD COLUMN drift_extra TEXT");
            long added = insertReturningId(pg, "INSERT INTO engagement_events (content_id, user_id, event_type,"
                    + " event_ts, duration_ms, device, raw_payload, drift_extra) VALUES ('" + content + "', gen_random_uuid(),"
                    + " 'play', '" + liveTs + "', 3000, 'added-column', '{}', 'extra')");
            accepted("schema-drift-added-column", added);
            execute(pg, "ALTER TABLE engagement_events RENAME COLUMN device TO device_kind");
            long renamed = insertReturningId(pg, "INSERT INTO engagement_events (content_id, user_id, event_type,"
                    + " event_ts, duration_ms, device_kind, raw_payload) VALUES ('" + content + "', gen_random_uuid(),"
                    + " 'play', '" + liveTs + "', 4000, 'renamed-column', '{}')");
            accepted("schema-drift-renamed-column", renamed);
        } finally {
            execute(pg, "ALTER TABLE engagement_events DROP COLUMN IF EXISTS drift_extra");
            try (ResultSet renamed = pg.createStatement().executeQuery("SELECT 1 FROM information_schema.columns"
                    + " WHERE table_name = 'engagement_events' AND column_name = 'device_kind'")) {
                if (renamed.next()) {
                    execute(pg, "ALTER TABLE engagement_events RENAME COLUMN device_kind TO device");
                }
            }
        }
    }

    private void sqlRow(Connection pg, String name, UUID contentId, String eventType, Instant eventTs, String duration,
            String device, String... deadLetters) throws SQLException {
        long id = insertReturningId(pg, "INSERT INTO engagement_events (content_id, user_id, event_type, event_ts,"
                + " duration_ms, device, raw_payload) VALUES (" + (contentId == null ? "NULL" : "'" + contentId + "'")
                + ", gen_random_uuid(), " + eventType + ", '" + eventTs + "', " + duration + ", " + device
                + ", '{}')");
        caseOfEventId.put(id, name);
        expectedDeadLetters.put(name, sorted(deadLetters));
        nowhere.add(id);
    }

    private void accepted(String name, long id) {
        caseOfEventId.put(id, name);
        expectedDeadLetters.put(name, List.of());
    }

    private void goodRows(Connection pg) throws SQLException {
        try (PreparedStatement insert = pg.prepareStatement("INSERT INTO engagement_events (content_id, user_id,"
                + " event_type, event_ts, duration_ms, device, raw_payload)"
                + " VALUES (?, ?, 'play', ?, ?, 'web', '{}')")) {
            for (int i = 0; i < GOOD_ROWS_PER_BATCH; i++) {
                insert.setObject(1, content);
                insert.setObject(2, UUID.randomUUID());
                insert.setTimestamp(3, Timestamp.from(liveTs.plusMillis(i)));
                insert.setInt(4, 1000 + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    // --- straight onto the topics --------------------------------------------------------------------------------

    private void directTopicCases() throws Exception {
        String events = Topics.EVENTS_CDC;
        String contents = Topics.CONTENT_CDC;
        String enriched = Topics.ENRICHED;
        String totals = Topics.BY_CONTENT_10S;
        String ev = "cdc-events ";
        String co = "cdc-content ";
        String en = "enriched ";
        String to = "totals ";

        // Raw CDC of engagement_events: the stream-processor decodes and validates.
        send(ev + "malformed-json", events, "{\"op\":\"c\",\"after\":{", PROCESSOR + " undecodable");
        send(ev + "json-null", events, "null", PROCESSOR + " undecodable");
        sendBytes(ev + "tombstone", events, null);
        send(ev + "empty-object", events, "{}", PROCESSOR + " missing-field");
        send(ev + "missing-after", events, envelope(null, "c").toString(), PROCESSOR + " missing-field");
        send(ev + "wrong-type", events, cdcEvent(nextSynthetic++, content, liveTs).put("op", "c")
                .toString().replace("\"duration_ms\":1500", "\"duration_ms\":\"long\""), PROCESSOR + " wrong-type");
        send(ev + "unknown-op", events, cdcEvent(nextSynthetic++, content, liveTs).put("op", "x").toString(),
                PROCESSOR + " unknown-op");
        ObjectNode unknownType = cdcEvent(nextSynthetic++, content, liveTs);
        ((ObjectNode) unknownType.path("after")).put("event_type", "explode");
        send(ev + "unknown-event-type", events, unknownType.toString(), PROCESSOR + " unknown-event-type");
        send(ev + "huge-number", events, cdcEvent(nextSynthetic++, content, liveTs).toString()
                .replace("\"duration_ms\":1500", "\"duration_ms\":1e999999999"), PROCESSOR + " undecodable");
        send(ev + "deeply-nested", events, "{\"op\":\"c\",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                PROCESSOR + " undecodable");
        sendBytes(ev + "non-utf-8", events, nonUtf8(cdcEvent(nextSynthetic++, content, liveTs).toString()),
                PROCESSOR + " undecodable");
        send(ev + "event-id-0", events, cdcEvent(0, content, liveTs).toString(), PROCESSOR + " invalid-event-id");
        send(ev + "event-id-negative", events, cdcEvent(-syntheticBase, content, liveTs).toString(),
                PROCESSOR + " invalid-event-id");
        caseOfEventId.put(0L, ev + "event-id-0");
        caseOfEventId.put(-syntheticBase, ev + "event-id-negative");
        nowhere.add(0L);
        nowhere.add(-syntheticBase);
        // The foreign key refuses this at the source; a producer that bypasses it gets the last row the stream
        // kept. An hour old, so it reaches ClickHouse and the webhook but no live total SQL does not also hold.
        long forDeleted = nextSynthetic++;
        send(ev + "event-for-deleted-content", events, cdcEvent(forDeleted, deletedContent,
                Instant.now().minus(1, ChronoUnit.HOURS)).toString());
        caseOfEventId.put(forDeleted, ev + "event-for-deleted-content");
        toClickHouse.add(forDeleted);
        toReceiver.add(forDeleted);
        long neverSeen = nextSynthetic++;
        send(ev + "event-for-unknown-content", events, cdcEvent(neverSeen, UUID.randomUUID(),
                Instant.now().minus(1, ChronoUnit.HOURS)).toString(), PROCESSOR + " content-missing");
        caseOfEventId.put(neverSeen, ev + "event-for-unknown-content");
        nowhere.add(neverSeen);

        // Raw CDC of content.
        send(co + "malformed-json", contents, "{\"op\":\"c\",\"after\":{", PROCESSOR + " undecodable");
        send(co + "json-null", contents, "null", PROCESSOR + " undecodable");
        sendBytes(co + "tombstone", contents, null);
        send(co + "empty-object", contents, "{}", PROCESSOR + " missing-field");
        send(co + "missing-after", contents, envelope(null, "c").toString(), PROCESSOR + " missing-field");
        send(co + "wrong-type", contents, cdcContent(UUID.randomUUID(), "podcast").toString()
                .replace("\"length_seconds\":600", "\"length_seconds\":\"long\""), PROCESSOR + " wrong-type");
        send(co + "not-a-uuid", contents, cdcContent(UUID.randomUUID(), "podcast").toString()
                .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\""), PROCESSOR + " wrong-type");
        send(co + "unknown-content-type", contents, cdcContent(UUID.randomUUID(), "hologram").toString(),
                PROCESSOR + " unknown-content-type");
        send(co + "huge-number", contents, cdcContent(UUID.randomUUID(), "podcast").toString()
                .replace("\"length_seconds\":600", "\"length_seconds\":1e999999999"), PROCESSOR + " undecodable");
        send(co + "deeply-nested", contents, "{\"op\":\"c\",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000)
                + "}", PROCESSOR + " undecodable");
        sendBytes(co + "non-utf-8", contents, nonUtf8(cdcContent(UUID.randomUUID(), "podcast").toString()),
                PROCESSOR + " undecodable");

        // engagements.enriched: read by both the ClickHouse loader and the forwarder.
        send(en + "malformed-json", enriched, "{\"event_id\":", LOADER + " invalid-json", FORWARDER + " undecodable");
        send(en + "json-null", enriched, "null", LOADER + " invalid-record", FORWARDER + " invalid-record");
        sendBytes(en + "tombstone", enriched, null, LOADER + " invalid-record", FORWARDER + " undecodable");
        send(en + "empty-object", enriched, "{}", LOADER + " invalid-record", FORWARDER + " invalid-record");
        long missing = nextSynthetic++;
        send(en + "missing-fields", enriched, "{\"event_id\":" + missing + "}", LOADER + " invalid-record",
                FORWARDER + " invalid-record");
        nowhere.add(missing);
        send(en + "wrong-type", enriched, enrichedEvent(nextSynthetic++).put("event_ts", "yesterday").toString(),
                LOADER + " invalid-json", FORWARDER + " undecodable");
        long unknownEnum = nextSynthetic++;
        send(en + "unknown-event-type", enriched, enrichedEvent(unknownEnum).put("event_type", "explode").toString(),
                LOADER + " invalid-record", FORWARDER + " invalid-record");
        nowhere.add(unknownEnum);
        long unknownOp = nextSynthetic++;
        send(en + "unknown-op", enriched, enrichedEvent(unknownOp).put("op", "x").toString(),
                LOADER + " invalid-record", FORWARDER + " invalid-record");
        nowhere.add(unknownOp);
        long huge = nextSynthetic++;
        send(en + "huge-number", enriched, enrichedEvent(huge).toString()
                .replace("\"engagement_seconds\":1.5", "\"engagement_seconds\":1e999999999"),
                LOADER + " invalid-record", FORWARDER + " invalid-record");
        nowhere.add(huge);
        send(en + "deeply-nested", enriched, "{\"event_id\":1,\"deep\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}", LOADER + " invalid-json", FORWARDER + " undecodable");
        sendBytes(en + "non-utf-8", enriched, nonUtf8(enrichedEvent(nextSynthetic++).toString()),
                LOADER + " invalid-json", FORWARDER + " undecodable");
        long negative = -(nextSynthetic++);
        send(en + "event-id-negative", enriched, enrichedEvent(negative).toString(), LOADER + " invalid-record",
                FORWARDER + " invalid-record");
        nowhere.add(negative);
        // Good records after the bad ones, on the content's partition: both consumers must still be reading.
        for (int i = 0; i < 3; i++) {
            long good = nextSynthetic++;
            send(en + "good-" + i, enriched, enrichedEvent(good).toString());
            toClickHouse.add(good);
            toReceiver.add(good);
        }

        // engagements.by-content.10s: the redis-projector. Keyed like the test content's live bucket (same
        // partition), so the good totals of the rows inserted next queue behind them.
        String bucketKey = content + "@" + totalsBucketStartMs;
        sendKeyed(to + "malformed-json", totals, bucketKey, "{\"content_id\":", PROJECTOR + " undecodable");
        sendKeyed(to + "json-null", totals, bucketKey, "null", PROJECTOR + " invalid-totals");
        sendKeyedBytes(to + "tombstone", totals, bucketKey, null, PROJECTOR + " undecodable");
        sendKeyed(to + "empty-object", totals, bucketKey, "{}", PROJECTOR + " invalid-totals");
        sendKeyed(to + "missing-fields", totals, bucketKey, "{\"content_id\":\"" + content + "\"}",
                PROJECTOR + " invalid-totals");
        sendKeyed(to + "wrong-type", totals, bucketKey, totalsRecord().put("events", "many").toString(),
                PROJECTOR + " undecodable");
        sendKeyed(to + "negative-events", totals, bucketKey, totalsRecord().put("events", -1).toString(),
                PROJECTOR + " invalid-totals");
        sendKeyed(to + "huge-number", totals, bucketKey, totalsRecord().toString()
                .replace("\"engagement_seconds\":1.5", "\"engagement_seconds\":1e999999999"),
                PROJECTOR + " invalid-totals");
        sendKeyed(to + "deeply-nested", totals, bucketKey, "{\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000)
                + "}",
                PROJECTOR + " undecodable");
        sendKeyedBytes(to + "non-utf-8", totals, bucketKey, nonUtf8(totalsRecord().toString()),
                PROJECTOR + " undecodable");
    }

    private ObjectNode envelope(ObjectNode after, String op) {
        ObjectNode envelope = JsonSerdes.mapper().createObjectNode();
        envelope.putNull("before");
        envelope.set("after", after);
        envelope.put("op", op);
        envelope.putObject("source").put("ts_ms", System.currentTimeMillis()).put("lsn", 1L).put("snapshot", "false");
        envelope.put("ts_ms", System.currentTimeMillis());
        return envelope;
    }

    private ObjectNode cdcEvent(long id, UUID contentId, Instant eventTs) {
        ObjectNode row = JsonSerdes.mapper().createObjectNode().put("id", id).put("content_id", contentId.toString())
                .put("user_id", UUID.randomUUID().toString()).put("event_type", "play")
                .put("event_ts", eventTs.toString()).put("duration_ms", 1500).put("device", "direct")
                .put("raw_payload", "{}");
        return envelope(row, "c");
    }

    private ObjectNode cdcContent(UUID id, String type) {
        ObjectNode row = JsonSerdes.mapper().createObjectNode().put("id", id.toString()).put("slug", "corpus-" + id)
                .put("title", "Corpus " + id).put("content_type", type).put("length_seconds", 600)
                .put("publish_ts", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        return envelope(row, "c");
    }

    /** A valid enriched event for the test content, an hour old (no live total counts it). */
    private ObjectNode enrichedEvent(long id) {
        long now = System.currentTimeMillis();
        return JsonSerdes.mapper().createObjectNode().put("event_id", id).put("content_id", content.toString())
                .put("user_id", UUID.randomUUID().toString()).put("event_type", "play")
                .put("event_ts", Instant.now().minus(1, ChronoUnit.HOURS).toString()).put("duration_ms", 1500)
                .put("engagement_seconds", new java.math.BigDecimal("1.5")).put("engagement_pct",
                        new java.math.BigDecimal("0.25"))
                .put("device", "direct").put("raw_payload", "{}").put("slug", "corpus-" + content)
                .put("title", "Corpus " + content).put("content_type", "podcast").put("length_seconds", 600)
                .put("op", "c").put("source_ts_ms", now).put("processed_ts_ms", now).put("version", 1L);
    }

    private ObjectNode totalsRecord() {
        return JsonSerdes.mapper().createObjectNode().put("content_id", content.toString())
                .put("bucket_start_ms", totalsBucketStartMs).put("bucket_seconds", 10)
                .put("engagement_seconds", new java.math.BigDecimal("1.5")).put("events", 1).put("plays", 1)
                .put("pauses", 0).put("finishes", 0).put("clicks", 0)
                .put("max_source_ts_ms", System.currentTimeMillis())
                .put("slug", "corpus-" + content).put("title", "Corpus " + content).put("content_type", "podcast")
                .put("length_seconds", 600);
    }

    /** The JSON with its first device / title / slug value's first letters replaced by bytes no UTF-8 has. */
    private static byte[] nonUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf("\"direct\"");
        if (at < 0) {
            at = json.indexOf("\"Corpus ");
        }
        bytes[at + 1] = (byte) 0xff;
        bytes[at + 2] = (byte) 0xfe;
        return bytes;
    }

    private void send(String name, String topic, String json, String... deadLetters) throws Exception {
        sendKeyed(name, topic, null, json, deadLetters);
    }

    private void sendKeyed(String name, String topic, String key, String json, String... deadLetters) throws Exception {
        sendKeyedBytes(name, topic, key, json.getBytes(StandardCharsets.UTF_8), deadLetters);
    }

    private void sendBytes(String name, String topic, byte[] value, String... deadLetters) throws Exception {
        sendKeyedBytes(name, topic, null, value, deadLetters);
    }

    private void sendKeyedBytes(String name, String topic, String key, byte[] value, String... deadLetters)
            throws Exception {
        if (key == null) {
            key = topic.equals(Topics.ENRICHED) ? content.toString() : "{\"id\":" + nextSynthetic++ + "}";
        }
        RecordMetadata sent;
        try {
            sent = producer.send(new ProducerRecord<>(topic, sourcePartition(topic, value),
                    key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (ExecutionException e) {
            throw new AssertionError("could not produce " + name, e.getCause());
        }
        caseOfRecord.put(topic + "/" + sent.partition() + "@" + sent.offset(), name);
        expectedDeadLetters.put(name, sorted(deadLetters));
    }

    // --- reading the outcome -------------------------------------------------------------------------------------

    /** The corpus's dead letters since the test began: case → "stage reason"; unattributable ones as "unexpected". */
    private Map<String, List<String>> deadLetters() {
        Map<String, List<String>> found = new TreeMap<>();
        TopicReader.read(Topics.DLQ, dlqStart, record -> {
            String topic = DlqHeaders.text(record.headers(), DlqHeaders.SOURCE_TOPIC);
            String position = topic + "/" + DlqHeaders.text(record.headers(), DlqHeaders.SOURCE_PARTITION) + "@"
                    + DlqHeaders.text(record.headers(), DlqHeaders.SOURCE_OFFSET);
            String name = caseOfRecord.get(position);
            if (name == null) {
                Long id = eventIdOf(record.value());
                name = id == null ? null : caseOfEventId.get(id);
                if (name == null && id != null && nowhere.contains(id)) {
                    name = "downstream of event " + id;
                }
            }
            if (name != null && record.value() != null) {
                deadLetterDevices.put(name, deviceLength(record.value()));
            }
            found.computeIfAbsent(name == null ? "unexpected" : name, n -> new ArrayList<>())
                    .add(DlqHeaders.text(record.headers(), DlqHeaders.STAGE) + " "
                            + DlqHeaders.text(record.headers(), DlqHeaders.REASON)
                            + (topic == null ? " (no source topic)" : ""));
        });
        return found;
    }

    private static int deviceLength(byte[] value) {
        try {
            return JsonSerdes.mapper().readTree(value).path("after").path("device").asText().length();
        } catch (Exception undecodable) {
            return -1;
        }
    }

    /**
     * The partition the connector would give a CDC record (by content id, {@link SourcePartitions}), so that a row
     * written past the connector reaches the stream task that holds its content; null (the producer's choice) for
     * other topics and for records that carry no content id.
     */
    private Integer sourcePartition(String topic, byte[] value) {
        String field = topic.equals(Topics.EVENTS_CDC) ? "content_id" : topic.equals(Topics.CONTENT_CDC) ? "id" : null;
        if (field == null || value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode json = JsonSerdes.mapper().readTree(value);
            JsonNode row = json.path("after").isObject() ? json.path("after") : json.path("before");
            return row.path(field).isTextual()
                    ? SourcePartitions.of(row.path(field).asText(), producer.partitionsFor(topic).size())
                    : null;
        } catch (Exception undecodable) {
            return null;
        }
    }

    /** The event id a dead letter is about: a CDC envelope's row id or an enriched event's event_id. */
    private static Long eventIdOf(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode json = JsonSerdes.mapper().readTree(value);
            JsonNode row = json.path("after").isObject() ? json.path("after") : json.path("before");
            if (row.path("id").isIntegralNumber()) {
                return row.path("id").asLong();
            }
            return json.path("event_id").isIntegralNumber() ? json.path("event_id").asLong() : null;
        } catch (Exception undecodable) {
            return null;
        }
    }

    private Map<String, Double> dlqCounters() {
        Map<String, Double> counters = new TreeMap<>();
        METRICS_PORTS.forEach((stage, port) -> {
            String body = Stack.send("GET", "http://127.0.0.1:" + port + "/q/metrics", null).body();
            body.lines().filter(l -> l.startsWith("pipeline_dlq_records_total{")).forEach(line -> {
                String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
                String reason = label(labels, "reason");
                counters.merge(label(labels, "stage") + " " + reason,
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            });
        });
        return counters;
    }

    private static double unknownEventColumns() {
        String body = Stack.send("GET", "http://127.0.0.1:" + METRICS_PORTS.get(PROCESSOR) + "/q/metrics", null).body();
        return body.lines().filter(l -> l.startsWith("pipeline_source_unknown_columns_total{")
                && l.contains("table=\"engagement_events\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String label(String labels, String name) {
        int at = labels.indexOf(name + "=\"");
        int from = at + name.length() + 2;
        return labels.substring(from, labels.indexOf('"', from));
    }

    private long liveEvents() {
        var response = Stack.send("GET", Stack.QUERY_API + "/content/" + content + "/stats?window=10m", null);
        if (response.statusCode() == 404) {
            return 0;
        }
        assertEquals(200, response.statusCode(), response.body());
        long events = 0;
        for (JsonNode bucket : Stack.parse(response.body()).path("buckets")) {
            events += bucket.path("events").asLong();
        }
        return events;
    }

    private long idOf(String name) {
        return caseOfEventId.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow()
                .getKey();
    }

    // --- plumbing ------------------------------------------------------------------------------------------------

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void insertContent(Connection pg, UUID id, String type) throws SQLException {
        execute(pg, "INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts) VALUES ('" + id
                + "', 'corpus-" + id + "', 'Corpus " + id + "', '" + type + "', 600, now() - interval '1 day')");
    }

    private static void execute(Connection pg, String sql) throws SQLException {
        try (Statement statement = pg.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long insertReturningId(Connection pg, String insert) throws SQLException {
        try (ResultSet id = pg.createStatement().executeQuery(insert + " RETURNING id")) {
            id.next();
            return id.getLong(1);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    private static String sqlState(SqlAction action) {
        return assertThrows(SQLException.class, action::run, "PostgreSQL refuses the row").getSQLState();
    }

    private String letters(int n) {
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static List<String> sorted(String... items) {
        List<String> list = new ArrayList<>(List.of(items));
        list.sort(null);
        return list;
    }

    private static Set<Long> missing(Set<Long> expected, Set<Long> held) {
        Set<Long> missing = new HashSet<>(expected);
        missing.removeAll(held);
        return missing;
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
