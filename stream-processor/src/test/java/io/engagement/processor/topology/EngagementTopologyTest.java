package io.engagement.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.processor.support.Envelopes;

class EngagementTopologyTest {
    private static final Instant EVENT_TS = TopologyFixture.NOW.minusSeconds(2); // bucket 10:00:00
    private final UUID contentId = UUID.randomUUID();
    private TopologyFixture fx = new TopologyFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void eventIsEnrichedWithTheExactDerivationsAndCarriedFields() {
        fx.content("c", contentId, "Episode 1", 300);
        fx.event("c", 41, contentId, "play", EVENT_TS, 12_345);

        TestRecord<String, EnrichedEvent> out = fx.enriched.readRecord();
        EnrichedEvent e = out.value();
        assertEquals(contentId.toString(), out.key());
        assertEquals(41, e.eventId());
        assertEquals(contentId, e.contentId());
        assertEquals(UUID.fromString("5a0b7c9e-0000-4000-8000-000000000001"), e.userId());
        assertEquals("play", e.eventType());
        assertEquals(EVENT_TS, e.eventTs());
        assertEquals(12_345, e.durationMs());
        assertEquals(new BigDecimal("12.345"), e.engagementSeconds());
        // 100 * 12.345 / 300 = 4.115 exactly: half-up gives 4.12
        assertEquals(new BigDecimal("4.12"), e.engagementPct());
        assertEquals("ios", e.device());
        assertEquals("{\"ab\":\"b\"}", e.rawPayload());
        assertEquals("slug-" + contentId, e.slug());
        assertEquals("Episode 1", e.title());
        assertEquals("podcast", e.contentType());
        assertEquals(300, e.lengthSeconds());
        assertEquals("c", e.op());
        assertEquals(fx.now() - 20, e.sourceTsMs());
        assertEquals(fx.now(), e.processedTsMs());
        assertTrue(fx.enriched.isEmpty());
    }

    @Test
    void zeroLengthGivesNullPct() {
        fx.content("c", contentId, "Zero", 0);
        fx.event("c", 1, contentId, "play", EVENT_TS, 5_000);
        EnrichedEvent e = fx.enriched.readValue();
        assertEquals(new BigDecimal("5.000"), e.engagementSeconds());
        assertNull(e.engagementPct());
    }

    @Test
    void nullLengthGivesNullPct() {
        fx.content("c", contentId, "Newsletter", null);
        fx.event("c", 1, contentId, "play", EVENT_TS, 5_000);
        assertNull(fx.enriched.readValue().engagementPct());
    }

    @Test
    void nullDurationGivesNullSecondsAndPct() {
        fx.content("c", contentId, "Ep", 300);
        fx.event("c", 1, contentId, "click", EVENT_TS, null);
        EnrichedEvent e = fx.enriched.readValue();
        assertNull(e.engagementSeconds());
        assertNull(e.engagementPct());
    }

    @Test
    void pctIsNotCappedAt100() {
        fx.content("c", contentId, "Short", 60);
        fx.event("c", 1, contentId, "play", EVENT_TS, 90_000);
        assertEquals(new BigDecimal("150.00"), fx.enriched.readValue().engagementPct());
    }

    @Test
    void eventBeforeItsContentIsHeldThenEmitted() {
        fx.event("c", 7, contentId, "play", EVENT_TS, 1_000);
        assertTrue(fx.enriched.isEmpty());
        assertEquals(1.0, fx.registry.get("pipeline_held_events").gauge().value());

        fx.content("c", contentId, "Late content", 100);

        EnrichedEvent e = fx.enriched.readValue();
        assertEquals(7, e.eventId());
        assertEquals("Late content", e.title());
        assertEquals(new BigDecimal("1.00"), e.engagementPct());
        assertEquals(1, fx.totals.readValue().events());
        assertEquals(0.0, fx.registry.get("pipeline_held_events").gauge().value());
    }

    @Test
    void heldEventsAreReleasedInArrivalOrder() {
        fx.event("c", 3, contentId, "play", EVENT_TS, 1_000);
        fx.event("c", 1, contentId, "pause", EVENT_TS, 2_000);
        fx.event("c", 2, contentId, "finish", EVENT_TS, 3_000);
        fx.content("c", contentId, "Ep", 100);
        assertEquals(List.of(3L, 1L, 2L), fx.enriched.readValuesToList().stream().map(EnrichedEvent::eventId).toList());
    }

    @Test
    void eventHeldLongerThanTheTimeoutGoesToDlqAsContentMissing() {
        byte[] envelope = fx.event("c", 9, contentId, "play", EVENT_TS, 1_000);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(59));
        assertTrue(fx.dlq.isEmpty());

        fx.driver.advanceWallClockTime(Duration.ofSeconds(2));

        TestRecord<byte[], byte[]> dead = fx.dlq.readRecord();
        assertArrayEquals(envelope, dead.value());
        assertEquals("content-missing", DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("stream-processor", DlqHeaders.text(dead.headers(), DlqHeaders.STAGE));
        assertEquals("in.events", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_PARTITION));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals(1.0, fx.dlqCount("content-missing"));

        // Content arriving afterwards releases nothing twice.
        fx.content("c", contentId, "Too late", 100);
        assertTrue(fx.enriched.isEmpty());
    }

    @Test
    void holdStoreIsBoundedAndOverflowGoesToDlq() {
        fx.close();
        fx = new TopologyFixture(TopologyFixture.defaults(2));
        fx.event("c", 1, contentId, "play", EVENT_TS, 1_000);
        fx.event("c", 2, contentId, "play", EVENT_TS, 1_000);
        byte[] third = fx.event("c", 3, contentId, "play", EVENT_TS, 1_000);

        TestRecord<byte[], byte[]> dead = fx.dlq.readRecord();
        assertArrayEquals(third, dead.value());
        assertEquals("hold-overflow", DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("2", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));

        fx.content("c", contentId, "Ep", 100);
        assertEquals(List.of(1L, 2L), fx.enriched.readValuesToList().stream().map(EnrichedEvent::eventId).toList());
    }

    @Test
    void contentUpdateDoesNotReemitHistory() {
        fx.content("c", contentId, "Old title", 100);
        fx.event("c", 1, contentId, "play", EVENT_TS, 1_000);
        assertEquals("Old title", fx.enriched.readValue().title());

        fx.content("u", contentId, "New title", 200);
        assertTrue(fx.enriched.isEmpty());
        assertTrue(fx.totals.readValuesToList().size() == 1, "only the first event's totals");

        fx.event("c", 2, contentId, "play", EVENT_TS, 1_000);
        EnrichedEvent later = fx.enriched.readValue();
        assertEquals("New title", later.title());
        assertEquals(new BigDecimal("0.50"), later.engagementPct());
    }

    @Test
    void replayedEventIsNotCountedTwice() {
        fx.content("c", contentId, "Ep", 100);
        fx.event("c", 5, contentId, "play", EVENT_TS, 4_000);
        fx.event("r", 5, contentId, "play", EVENT_TS, 4_000);
        fx.event("c", 5, contentId, "play", EVENT_TS, 4_000);

        List<ContentBucketTotals> totals = fx.totals.readValuesToList();
        assertEquals(1, totals.size());
        assertEquals(1, totals.get(0).events());
        assertEquals(new BigDecimal("4.000"), totals.get(0).engagementSeconds());
    }

    @Test
    void replayIsStillForwardedToSinks() {
        fx.content("c", contentId, "Ep", 100);
        fx.event("c", 5, contentId, "play", EVENT_TS, 4_000);
        fx.event("r", 5, contentId, "play", EVENT_TS, 4_000);
        assertEquals(List.of("c", "r"), fx.enriched.readValuesToList().stream().map(EnrichedEvent::op).toList());
    }

    @Test
    void totalsAreAbsolutePerContentAndTenSecondBucketWithClicksAsZeroSeconds() {
        fx.content("c", contentId, "Ep", 100);
        Instant bucketStart = Instant.parse("2026-03-02T10:00:00Z");
        fx.event("c", 1, contentId, "play", bucketStart.plusMillis(100), 2_500);
        fx.event("c", 2, contentId, "click", bucketStart.plusMillis(200), null);
        fx.event("c", 3, contentId, "pause", bucketStart.plusMillis(9_999), 500);
        fx.event("c", 4, contentId, "finish", bucketStart.minusMillis(1), 1_000);

        List<TestRecord<String, ContentBucketTotals>> out = fx.totals.readRecordsToList();
        assertEquals(4, out.size());
        ContentBucketTotals third = out.get(2).value();
        assertEquals(contentId + "@" + bucketStart.toEpochMilli(), out.get(2).key());
        assertEquals(bucketStart.toEpochMilli(), third.bucketStartMs());
        assertEquals(10, third.bucketSeconds());
        assertEquals(3, third.events());
        assertEquals(new BigDecimal("3.000"), third.engagementSeconds());
        assertEquals(1, third.plays());
        assertEquals(1, third.clicks());
        assertEquals(1, third.pauses());
        assertEquals(0, third.finishes());
        assertEquals(fx.now() - 20, third.maxSourceTsMs());
        assertEquals("Ep", third.title());
        assertEquals(100, third.lengthSeconds());
        ContentBucketTotals previousBucket = out.get(3).value();
        assertEquals(bucketStart.toEpochMilli() - 10_000, previousBucket.bucketStartMs());
        assertEquals(1, previousBucket.events());
        assertEquals(1, previousBucket.finishes());
    }

    @Test
    void eventOlderThanWindowPlusGraceIsEnrichedButChangesNoTotals() {
        fx.content("c", contentId, "Ep", 100);
        Instant tooOld = TopologyFixture.NOW.minus(Duration.ofSeconds(600 + 60 + 1));
        fx.event("c", 1, contentId, "play", tooOld, 1_000);
        assertEquals(1, fx.enriched.readValue().eventId());
        assertTrue(fx.totals.isEmpty());

        Instant stillInGrace = TopologyFixture.NOW.minus(Duration.ofSeconds(600 + 59));
        fx.event("c", 2, contentId, "play", stillInGrace, 1_000);
        assertEquals(1, fx.totals.readValue().events());
    }

    @Test
    void contentDeleteKeepsTheRowForEventsCommittedBeforeIt() {
        fx.content("c", contentId, "Ep", 100);
        fx.content.pipeInput(Envelopes.contentKey(contentId), Envelopes.envelope("d",
                Envelopes.contentRow(contentId, "s", "Ep", "podcast", 100), null, "content", fx.now()));
        fx.content.pipeInput(Envelopes.contentKey(contentId), (byte[]) null); // tombstone
        fx.event("c", 1, contentId, "play", EVENT_TS, 1_000);
        assertEquals("Ep", fx.enriched.readValue().title());
        assertTrue(fx.dlq.isEmpty());
        assertEquals(0.0, fx.registry.get("pipeline_held_events").gauge().value());
    }

    @Test
    void tombstonesAreSkippedWithoutOutput() {
        fx.events.pipeInput(Envelopes.eventKey(1), (byte[]) null);
        fx.content.pipeInput(Envelopes.contentKey(contentId), (byte[]) null);
        assertTrue(fx.enriched.isEmpty());
        assertTrue(fx.dlq.isEmpty());
        assertEquals(2.0, fx.registry.get("pipeline_records_in").counter().count());
    }

    @Test
    void badRecordDoesNotStopTheStream() {
        fx.content("c", contentId, "Ep", 100);
        fx.rawEvent("not json".getBytes(StandardCharsets.UTF_8));
        fx.event("c", 2, contentId, "play", EVENT_TS, 1_000);
        assertEquals(1, fx.dlqRecords().size());
        assertEquals(2, fx.enriched.readValue().eventId());
    }

    @Test
    void metricsCountRecordsInOutAndStageLatency() {
        fx.content("c", contentId, "Ep", 100);
        fx.event("c", 1, contentId, "play", EVENT_TS, 1_000);
        fx.rawEvent("{".getBytes(StandardCharsets.UTF_8));
        assertEquals(3.0, fx.registry.get("pipeline_records_in").counter().count());
        assertEquals(1.0, fx.registry.get("pipeline_records_out").tag("topic", "out.enriched").counter().count());
        assertEquals(1.0, fx.registry.get("pipeline_records_out").tag("topic", "out.totals").counter().count());
        assertEquals(1.0, fx.registry.get("pipeline_records_out").tag("topic", "out.dlq").counter().count());
        assertEquals(1, fx.registry.get("pipeline_stage_latency_seconds").tag("stage", "stream-processor").timer()
                .count());
    }
}
