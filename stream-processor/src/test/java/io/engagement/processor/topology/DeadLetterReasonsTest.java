package io.engagement.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.engagement.contracts.DlqHeaders;
import io.engagement.processor.support.Envelopes;

/** Every way an input record can be unusable: it lands in the DLQ as it arrived, with its reason, and is counted. */
class DeadLetterReasonsTest {
    private static final Instant EVENT_TS = TopologyFixture.NOW.minusSeconds(2);
    private final UUID contentId = UUID.randomUUID();
    private final TopologyFixture fx = new TopologyFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void undecodableEventGoesToDlqWithItsOriginalBytes() {
        assertEventRejected("{\"op\":\"c\", \"after\": {".getBytes(StandardCharsets.UTF_8), "undecodable");
    }

    @Test
    void emptyValueIsUndecodable() {
        assertEventRejected(new byte[0], "undecodable");
    }

    @Test
    void undecodableContentGoesToDlq() {
        byte[] garbage = { (byte) 0xff, 0x00, 0x13 };
        fx.content.pipeInput(Envelopes.contentKey(contentId), garbage);
        TestRecord<byte[], byte[]> dead = onlyDeadLetter("undecodable");
        assertArrayEquals(garbage, dead.value());
        assertEquals("in.content", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
    }

    @Test
    void wrongTypeIsRejected() {
        ObjectNode row = row();
        row.put("event_ts", "yesterday at noon");
        assertEventRejected(Envelopes.event("c", row, ts()), "wrong-type");
    }

    @Test
    void nonNumericDurationIsWrongType() {
        ObjectNode row = row();
        row.put("duration_ms", "long");
        assertEventRejected(Envelopes.event("c", row, ts()), "wrong-type");
    }

    @Test
    void missingAfterIsMissingField() {
        assertEventRejected(Envelopes.envelope("c", null, null, "engagement_events", ts()), "missing-field");
    }

    @Test
    void missingEventTsIsMissingField() {
        ObjectNode row = row();
        row.remove("event_ts");
        assertEventRejected(Envelopes.event("c", row, ts()), "missing-field");
    }

    @Test
    void missingSourceTimestampIsMissingField() {
        ObjectNode envelope = (ObjectNode) tree(Envelopes.event("c", row(), ts()));
        ((ObjectNode) envelope.get("source")).remove("ts_ms");
        assertEventRejected(Envelopes.bytes(envelope), "missing-field");
    }

    @Test
    void unknownEventTypeIsRejected() {
        assertEventRejected(Envelopes.event("c",
                Envelopes.eventRow(1, contentId, "rewind", EVENT_TS, 1_000), ts()), "unknown-event-type");
    }

    @Test
    void nullContentIdIsRejected() {
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(1, null, "play", EVENT_TS, 1_000), ts()),
                "null-content-id");
    }

    @Test
    void eventTsFarInTheFutureIsOutOfRange() {
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(1, contentId, "play",
                TopologyFixture.NOW.plus(Duration.ofMinutes(6)), 1_000), ts()), "event-ts-out-of-range");
    }

    @Test
    void eventTsFarInThePastIsOutOfRange() {
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(1, contentId, "play",
                Instant.parse("1970-01-01T00:00:01Z"), 1_000), ts()), "event-ts-out-of-range");
    }

    @Test
    void negativeDurationIsRejected() {
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(1, contentId, "play", EVENT_TS, -1), ts()),
                "negative-duration");
    }

    @Test
    void absurdDurationIsRejected() {
        assertEventRejected(Envelopes.event("c",
                Envelopes.eventRow(1, contentId, "play", EVENT_TS, 86_400_001), ts()), "absurd-duration");
    }

    @Test
    void eventDeleteWithoutTheKeyOfItsRowIsMissingAField() {
        assertEventRejected(Envelopes.envelope("d", null, null, "engagement_events", ts()), "missing-field");
    }

    @Test
    void unknownOpIsRejected() {
        assertEventRejected(Envelopes.event("t", row(), ts()), "unknown-op");
    }

    @Test
    void anEventIdOfZeroIsInvalidAndCountsNowhere() {
        // No sink can store it (they refuse ids below 1): counted in the totals it would be an event nobody holds.
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(0, contentId, "play", EVENT_TS, 1_000), ts()),
                "invalid-event-id");
    }

    @Test
    void aNegativeEventIdIsInvalid() {
        assertEventRejected(Envelopes.event("c", Envelopes.eventRow(-7, contentId, "play", EVENT_TS, 1_000), ts()),
                "invalid-event-id");
    }

    @Test
    void aDeleteOfANegativeEventIdIsInvalid() {
        ObjectNode before = tree("{\"id\": -7}");
        assertEventRejected(Envelopes.envelope("d", before, null, "engagement_events", ts()), "invalid-event-id");
    }

    @Test
    void anUnknownContentTypeIsRejectedBeforeItReachesAnyEvent() {
        // The sinks refuse events carrying a type the source table does not allow (ClickHouse's enum, the webhook).
        byte[] value = Envelopes.content("c", Envelopes.contentRow(contentId, "slug", "title", "hologram", 60), ts());
        fx.content.pipeInput(Envelopes.contentKey(contentId), value);
        TestRecord<byte[], byte[]> dead = onlyDeadLetter("unknown-content-type");
        assertArrayEquals(value, dead.value());
    }

    @Test
    void anEventWhoseEnrichedRecordCouldNotBeWrittenIsTooLargeAndCountsNowhere() {
        // Over pipeline.limits.max-event-bytes (512 KiB): the broker would refuse its enriched record, so it must not
        // reach the totals either — Redis would count an event ClickHouse and the webhook never see.
        ObjectNode row = row();
        row.put("raw_payload", "x".repeat(600_000));
        assertEventRejected(Envelopes.event("c", row, ts()), "too-large");
    }

    @Test
    void aLargeEventWithinTheLimitIsEnrichedAndCounted() {
        fx.content("c", contentId, "Ep", 100);
        ObjectNode row = row();
        row.put("raw_payload", "y".repeat(400_000));
        fx.events.pipeInput(Envelopes.eventKey(78), Envelopes.event("c", row, ts()));
        assertEquals(1, fx.enriched.readRecordsToList().size());
        assertEquals(1, fx.totals.readRecordsToList().size());
        assertTrue(fx.dlqRecords().isEmpty());
    }

    @Test
    void contentTooLargeForTheEnrichedRecordsItWouldDescribeIsRejected() {
        byte[] value = Envelopes.content("c", Envelopes.contentRow(contentId, "slug", "t".repeat(100_000), "podcast", 60),
                ts());
        fx.content.pipeInput(Envelopes.contentKey(contentId), value);
        TestRecord<byte[], byte[]> dead = onlyDeadLetter("too-large");
        assertArrayEquals(value, dead.value());
    }

    @Test
    void everyReasonIsCountedSeparately() {
        fx.rawEvent("x".getBytes(StandardCharsets.UTF_8));
        fx.rawEvent("y".getBytes(StandardCharsets.UTF_8));
        fx.rawEvent(Envelopes.event("c", Envelopes.eventRow(1, contentId, "play", EVENT_TS, -5), ts()));
        assertEquals(2.0, fx.dlqCount("undecodable"));
        assertEquals(1.0, fx.dlqCount("negative-duration"));
    }

    private void assertEventRejected(byte[] value, String reason) {
        fx.content("c", contentId, "Ep", 100);
        fx.events.pipeInput(Envelopes.eventKey(77), value);
        TestRecord<byte[], byte[]> dead = onlyDeadLetter(reason);
        assertArrayEquals(value, dead.value());
        assertArrayEquals(Envelopes.eventKey(77), dead.key());
        assertEquals("in.events", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_PARTITION));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));
        assertNotNull(DlqHeaders.text(dead.headers(), DlqHeaders.EXCEPTION_CLASS));
        assertTrue(fx.enriched.isEmpty());
        assertTrue(fx.totals.isEmpty());
    }

    private TestRecord<byte[], byte[]> onlyDeadLetter(String reason) {
        var records = fx.dlqRecords();
        assertEquals(1, records.size());
        TestRecord<byte[], byte[]> dead = records.get(0);
        assertEquals(reason, DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("stream-processor", DlqHeaders.text(dead.headers(), DlqHeaders.STAGE));
        assertNotNull(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL));
        assertEquals(1.0, fx.dlqCount(reason));
        return dead;
    }

    private ObjectNode row() {
        return Envelopes.eventRow(1, contentId, "play", EVENT_TS, 1_000);
    }

    private long ts() {
        return fx.now() - 20;
    }

    private static ObjectNode tree(String json) {
        return (ObjectNode) tree(json.getBytes(StandardCharsets.UTF_8));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(byte[] json) {
        try {
            return io.engagement.contracts.JsonSerdes.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
