package io.engagement.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.EnrichedEvent;

/**
 * The source is a changelog: per event id the totals and the enriched versions must end equal to the row as
 * PostgreSQL holds it now, whatever order redeliveries and replays arrive in. Totals are compared as the last value
 * per bucket key (what Redis ends with), rendered "events seconds plays/pauses/finishes/clicks".
 */
class ChangelogTopologyTest {
    private static final Instant BUCKET = Instant.parse("2026-03-02T10:00:00Z"); // NOW is 10:00:05
    private static final Instant IN_BUCKET = BUCKET.plusSeconds(1);
    private static final Instant PREVIOUS_BUCKET = BUCKET.minusMillis(1);
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final TopologyFixture fx = new TopologyFixture();

    @BeforeEach
    void catalogue() {
        fx.content("c", a, "A", 100);
        fx.content("c", b, "B", 100);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void durationChangedReplacesTheOldSecondsInTheSameBucket() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, a, "play", IN_BUCKET, 7_000);

        assertEquals(Map.of(key(a, BUCKET), "1 7.000 1/0/0/0"), totals());
        List<EnrichedEvent> out = fx.enriched.readValuesToList();
        assertEquals(List.of("c", "u"), out.stream().map(EnrichedEvent::op).toList());
        assertEquals(new BigDecimal("7.000"), out.get(1).engagementSeconds());
        assertEquals(new BigDecimal("7.00"), out.get(1).engagementPct());
        assertEquals(200, out.get(1).version());
    }

    @Test
    void eventTsMovedAcrossABucketEdgeLeavesTheOldBucket() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, a, "play", PREVIOUS_BUCKET, 4_000);

        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(a, BUCKET.minusSeconds(10)), "1 4.000 1/0/0/0"),
                totals());
    }

    @Test
    void contentIdMovedWithTheOldRowLeavesTheOldContentAndSendsOnlyTheNewVersion() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.move(200, 1, a, b, "play", IN_BUCKET, 4_000);

        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(b, BUCKET), "1 4.000 1/0/0/0"), totals());
        List<EnrichedEvent> out = fx.enriched.readValuesToList();
        assertEquals(List.of("c", "u"), out.stream().map(EnrichedEvent::op).toList(), "no deletion notice for a move");
        assertEquals(b, out.get(1).contentId());
        assertEquals(200, out.get(1).version());
    }

    @Test
    void aMoveOfAnEventThisTaskNeverSawCountsItInTheNewContentOnly() {
        fx.move(200, 1, a, b, "play", IN_BUCKET, 4_000);

        assertEquals(Map.of(key(b, BUCKET), "1 4.000 1/0/0/0"), totals());
        assertEquals(1, fx.enriched.readValuesToList().size());
    }

    @Test
    void aDeleteCarryingTheWholeOldRowOfAForgottenEventNamesItsContent() {
        fx.delete(300, 42, a, "play", IN_BUCKET, 4_000);

        var notice = fx.enriched.readRecord();
        assertEquals(a.toString(), notice.key(), "keyed, like every record of the content, by its id");
        assertEquals("d", notice.value().op());
        assertTrue(fx.totals.isEmpty());
    }

    @Test
    void contentIdChangedWithoutTheOldRowStillLeavesTheOldContentThisTaskCounted() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, b, "play", IN_BUCKET, 4_000);

        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(b, BUCKET), "1 4.000 1/0/0/0"), totals());
        List<EnrichedEvent> out = fx.enriched.readValuesToList();
        assertEquals(b, out.get(1).contentId());
        assertEquals("B", out.get(1).title());
    }

    @Test
    void playBecomingAClickWithoutDurationCountsAsAZeroSecondClick() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, a, "click", IN_BUCKET, null);

        assertEquals(Map.of(key(a, BUCKET), "1 0.000 0/0/0/1"), totals());
        EnrichedEvent click = fx.enriched.readValuesToList().get(1);
        assertNull(click.engagementSeconds());
        assertNull(click.engagementPct());
    }

    @Test
    void theSameRowUpdatedTwiceInQuickSuccessionEndsWithTheLastVersion() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 1_000);
        fx.change("u", 200, 1, a, "pause", IN_BUCKET, 2_000);
        fx.change("u", 201, 1, a, "finish", IN_BUCKET, 3_000);

        assertEquals(Map.of(key(a, BUCKET), "1 3.000 0/0/1/0"), totals());
        assertEquals(List.of(100L, 200L, 201L),
                fx.enriched.readValuesToList().stream().map(EnrichedEvent::version).toList());
    }

    @Test
    void aDeletedRowLeavesTheTotalsAndSendsADeletionNotice() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("c", 110, 2, a, "play", IN_BUCKET, 1_000);
        fx.delete(300, 1);

        assertEquals(Map.of(key(a, BUCKET), "1 1.000 1/0/0/0"), totals());
        EnrichedEvent notice = fx.enriched.readValuesToList().get(2);
        assertEquals("d", notice.op());
        assertEquals(1, notice.eventId());
        assertEquals(a, notice.contentId());
        assertEquals(IN_BUCKET, notice.eventTs());
        assertEquals(300, notice.version());
    }

    @Test
    void aRowUpdatedThenDeletedTakesBackTheUpdatedVersion() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, b, "click", PREVIOUS_BUCKET, null);
        fx.delete(300, 1);

        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(b, BUCKET.minusSeconds(10)), "0 0.000 0/0/0/0"),
                totals());
        EnrichedEvent notice = fx.enriched.readValuesToList().get(2);
        assertEquals(b, notice.contentId());
        assertEquals("click", notice.eventType());
    }

    @Test
    void aReplayAfterUpdatesChangesNoTotalsButStillReachesTheSinks() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, b, "play", IN_BUCKET, 6_000);
        Map<String, String> before = totals();
        // An incremental snapshot reads the row as it is now, at the streaming position it has reached.
        fx.change("r", 250, 1, b, "play", IN_BUCKET, 6_000);

        assertTrue(fx.totals.isEmpty(), "a replay changes no totals");
        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(b, BUCKET), "1 6.000 1/0/0/0"), before);
        List<EnrichedEvent> out = fx.enriched.readValuesToList();
        assertEquals(List.of("c", "u", "r"), out.stream().map(EnrichedEvent::op).toList());
    }

    @Test
    void olderVersionsArrivingLateNeverWin() {
        byte[] insert = io.engagement.processor.support.Envelopes.envelope("c", null,
                io.engagement.processor.support.Envelopes.eventRow(1, a, "play", IN_BUCKET, 4_000),
                "engagement_events", fx.now() - 20, 100);
        fx.events.pipeInput(io.engagement.processor.support.Envelopes.eventKey(1), insert);
        fx.change("u", 200, 1, b, "finish", PREVIOUS_BUCKET, 9_000);
        fx.enriched.readValuesToList();
        Map<String, String> settled = totals();

        // A connector restart resends the insert and the first update after the newer one was processed.
        fx.events.pipeInput(io.engagement.processor.support.Envelopes.eventKey(1), insert);
        fx.change("u", 150, 1, a, "pause", IN_BUCKET, 5_000);

        assertTrue(fx.totals.isEmpty(), "stale versions change no totals");
        assertTrue(fx.enriched.isEmpty(), "stale versions are not sent on");
        assertEquals(Map.of(key(a, BUCKET), "0 0.000 0/0/0/0", key(b, BUCKET.minusSeconds(10)), "1 9.000 0/0/1/0"),
                settled);
        assertEquals(2.0, fx.registry.get("pipeline_stale_versions").counter().count());
    }

    @Test
    void aStaleVersionAfterADeleteDoesNotResurrectTheEvent() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.delete(300, 1);
        fx.totals.readRecordsToList();
        fx.enriched.readValuesToList();

        fx.change("u", 200, 1, a, "play", IN_BUCKET, 8_000);
        fx.change("r", 310, 1, a, "play", IN_BUCKET, 4_000);
        assertTrue(fx.totals.isEmpty());
        assertTrue(fx.enriched.isEmpty());
    }

    @Test
    void theSameVersionRedeliveredIsSentOnButCountsOnce() {
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        fx.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);

        assertEquals(Map.of(key(a, BUCKET), "1 4.000 1/0/0/0"), totals());
        assertEquals(2, fx.enriched.readValuesToList().size());
    }

    @Test
    void deletingAnEventNoLongerRememberedSendsANoticeWithTheIdOnly() {
        fx.delete(300, 42);

        assertTrue(fx.totals.isEmpty());
        EnrichedEvent notice = fx.enriched.readValue();
        assertEquals("d", notice.op());
        assertEquals(42, notice.eventId());
        assertNull(notice.contentId());
        assertTrue(fx.dlq.isEmpty());
    }

    @Test
    void aCorrectionWaitsBehindTheHeldVersionItReplaces() {
        UUID later = UUID.randomUUID();
        fx.change("c", 100, 1, later, "play", IN_BUCKET, 4_000);
        fx.change("u", 200, 1, later, "play", IN_BUCKET, 6_000);
        fx.delete(300, 1);
        assertTrue(fx.enriched.isEmpty(), "all three wait for the content row");

        fx.content("c", later, "Late", 100);
        assertEquals(List.of("c", "u", "d"), fx.enriched.readValuesToList().stream().map(EnrichedEvent::op).toList());
        assertEquals(Map.of(key(later, BUCKET), "0 0.000 0/0/0/0"), totals());
    }

    private Map<String, String> totals() {
        Map<String, String> rendered = new TreeMap<>();
        for (Map.Entry<String, ContentBucketTotals> e : fx.finalTotals().entrySet()) {
            ContentBucketTotals t = e.getValue();
            rendered.put(e.getKey(), t.events() + " " + t.engagementSeconds().setScale(3) + " " + t.plays() + "/"
                    + t.pauses() + "/" + t.finishes() + "/" + t.clicks());
        }
        return rendered;
    }

    private static String key(UUID content, Instant bucketStart) {
        return ContentBucketTotals.key(content, bucketStart.toEpochMilli());
    }
}
