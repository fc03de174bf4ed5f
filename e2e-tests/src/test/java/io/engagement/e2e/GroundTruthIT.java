package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drives a known workload through all services — bulk traffic, bad rows, events racing their content, and a kill -9
 * of the stream-processor and the ClickHouse loader in the middle of it — then compares every sink with what SQL on
 * PostgreSQL says it must hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroundTruthIT {
    private static final Map<String, String> DLQ_REASON_OF_KIND = Map.of(
            "negative-duration", "negative-duration",
            "absurd-duration", "absurd-duration",
            "null-content-id", "null-content-id",
            "null-event-type", "missing-field",
            "future-event-ts", "event-ts-out-of-range",
            "past-event-ts", "event-ts-out-of-range");

    private long baseline;
    private long upper;
    private JsonNode badRows;
    private Map<Long, GroundTruth.Expected> expected;

    @BeforeAll
    void driveWorkloadWithCrashesInTheMiddle() throws Exception {
        Fleet.start();
        Stack.setRate(0);
        baseline = GroundTruth.maxEventId();
        badRows = Stack.json("POST", Stack.SIMULATOR + "/simulator/bad-rows", null);
        Stack.json("POST", Stack.SIMULATOR + "/simulator/burst?events=3000", null);

        Stack.setRate(400);
        Sinks.awaitRowsAfter(baseline, 4_000);
        Fleet.crash("stream-processor");
        Fleet.crash("clickhouse-loader");
        Sinks.awaitRowsAfter(baseline, 5_000);
        Fleet.pipeline("start", "stream-processor", "clickhouse-loader");
        Sinks.awaitRowsAfter(baseline, 6_000);
        Stack.setRate(0);
        Stack.json("POST", Stack.SIMULATOR + "/simulator/burst?events=2000", null);

        upper = GroundTruth.maxEventId();
        expected = GroundTruth.validEvents(baseline, upper);
        Sinks.awaitCaughtUp(expected.keySet(), baseline, upper);
    }

    @Test
    void clickhouseHoldsExactlyTheValidEventsWithTheirDerivedFields() {
        Map<Long, GroundTruth.Expected> actual = new TreeMap<>();
        for (String[] row : Stack.clickhouse("""
                SELECT event_id, toString(content_id), toString(event_type), duration_ms, engagement_seconds,
                       engagement_pct, slug, toString(content_type), length_seconds, device
                FROM %s AND event_id > %d AND event_id <= %d""".formatted(Stack.CLICKHOUSE_LIVE, baseline,
                upper))) {
            long id = Long.parseLong(row[0]);
            GroundTruth.Expected previous = actual.put(id, new GroundTruth.Expected(id, UUID.fromString(row[1]), row[2],
                    integer(row[3]), Stack.decimal(row[4]), Stack.decimal(row[5]), row[6], text(row[7]), integer(row[8]),
                    text(row[9])));
            assertTrue(previous == null, "event " + id + " appears twice in ClickHouse FINAL");
        }
        assertEquals(expected.keySet(), actual.keySet(), "same event ids in ClickHouse as valid rows in PostgreSQL");
        for (GroundTruth.Expected want : expected.values()) {
            GroundTruth.Expected got = actual.get(want.eventId());
            assertEquals(want.contentId(), got.contentId(), "content_id of " + want.eventId());
            assertEquals(want.eventType(), got.eventType(), "event_type of " + want.eventId());
            assertEquals(want.durationMs(), got.durationMs(), "duration_ms of " + want.eventId());
            assertDecimal(want.engagementSeconds(), got.engagementSeconds(), "engagement_seconds of " + want.eventId());
            assertDecimal(want.engagementPct(), got.engagementPct(), "engagement_pct of " + want.eventId());
            assertEquals(want.slug(), got.slug(), "slug of " + want.eventId());
            assertEquals(want.contentType(), got.contentType(), "content_type of " + want.eventId());
            assertEquals(want.lengthSeconds(), got.lengthSeconds(), "length_seconds of " + want.eventId());
        }
    }

    @Test
    void webhookReceivedEveryValidEventExactlyOnceWithValidSignatures() {
        Set<Long> received = Sinks.receivedIds(baseline, upper);
        assertEquals(expected.keySet(), received, "the receiver saw every valid event and nothing else");
        JsonNode summary = Stack.json("GET", Stack.RECEIVER + "/received/summary", null);
        assertEquals(0, summary.path("bad_signatures").asLong(), "every batch carried a valid signature");
    }

    @Test
    void dlqHoldsExactlyTheInvalidRowsEachWithItsReason() throws Exception {
        Map<Long, List<String>> dlq = Dlq.reasonsBySourceEventId();
        Set<Long> invalid = GroundTruth.invalidEvents(baseline, upper);
        Set<Long> labelledDlq = new HashSet<>();
        for (JsonNode row : badRows) {
            long id = row.path("event_id").asLong();
            if ("dlq".equals(row.path("expectation").asText())) {
                labelledDlq.add(id);
                assertEquals(List.of(DLQ_REASON_OF_KIND.get(row.path("kind").asText())), dlq.get(id),
                        "DLQ reason of the " + row.path("kind").asText() + " row " + id);
            } else {
                assertFalse(dlq.containsKey(id), "valid " + row.path("kind").asText() + " row " + id + " is not dead-lettered");
            }
        }
        assertEquals(labelledDlq, invalid, "the rows SQL calls invalid are exactly the bad rows meant for the DLQ");
        Set<Long> dlqAfterBaseline = new HashSet<>();
        dlq.keySet().stream().filter(id -> id > baseline && id <= upper).forEach(dlqAfterBaseline::add);
        assertEquals(invalid, dlqAfterBaseline, "nothing else of the workload was dead-lettered");
    }

    @Test
    void topContentEqualsSqlOverTheSameWindow() throws Exception {
        TopContentTruth.assertTopContentEqualsSql();
    }

    private static void assertDecimal(BigDecimal want, BigDecimal got, String what) {
        TopContentTruth.assertDecimal(want, got, what);
    }

    private static Integer integer(String value) {
        return value.equals("\\N") ? null : Integer.valueOf(value);
    }

    private static String text(String value) {
        return value.equals("\\N") ? null : value;
    }
}
