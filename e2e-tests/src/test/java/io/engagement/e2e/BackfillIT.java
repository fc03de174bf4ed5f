package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/** Backfills re-read source rows through Debezium without changing a single total, and restore a lost sink. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillIT {
    private long baseline;
    private long upper;
    private Instant from;
    private Instant to;
    private Set<Long> expected;

    @BeforeAll
    void writeEventsAndLetThemSettle() throws Exception {
        Fleet.start();
        Stack.setRate(0);
        baseline = GroundTruth.maxEventId();
        from = Instant.now().minusSeconds(5);
        Stack.json("POST", Stack.SIMULATOR + "/simulator/burst?events=4000", null);
        to = Instant.now().plusSeconds(5);
        upper = GroundTruth.maxEventId();
        expected = GroundTruth.validEvents(baseline, upper).keySet();
        Sinks.awaitCaughtUp(expected, baseline, upper);
    }

    @Test
    void unauthenticatedBackfillIsRefused() {
        assertEquals(401, Stack.send("POST", Stack.QUERY_API + "/admin/backfill", "{}").statusCode());
        assertEquals(401, Stack.send("POST", Stack.QUERY_API + "/admin/backfill", "{}",
                "Authorization", "Bearer wrong").statusCode());
    }

    @Test
    void backfillDuringLiveTrafficChangesNoTotals() throws Exception {
        List<String[]> before = clickhouseTotals();
        long duplicatesBefore = receiverSummary().path("duplicate_deliveries").asLong();

        Stack.setRate(200);
        try {
            Backfills.awaitDone(Backfills.start("{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}"));
            // Every re-read row has travelled to the sinks: ClickHouse now holds its op=r version.
            Progress.await("replayed rows reached ClickHouse", expected.size(),
                    () -> Stack.clickhouseLong("SELECT count() FROM " + Stack.CLICKHOUSE_LIVE + " AND op = 'r'"
                            + " AND event_id > " + baseline + " AND event_id <= " + upper));
        } finally {
            Stack.setRate(0);
        }

        assertEquals(rows(before), rows(clickhouseTotals()), "ClickHouse totals of the backfilled range are unchanged");
        assertEquals(expected, Sinks.receivedIds(baseline, upper), "the receiver still holds each event once by id");
        assertTrue(receiverSummary().path("duplicate_deliveries").asLong() > duplicatesBefore,
                "the replays were delivered to the webhook (and deduplicated there by event id)");
        TopContentTruth.assertTopContentEqualsSql();
    }

    @Test
    void truncatedClickHouseIsRestoredByABackfill() throws Exception {
        Stack.clickhouse("TRUNCATE TABLE " + Stack.CLICKHOUSE_TABLE);
        assertEquals(0, Stack.clickhouseLong("SELECT count() FROM " + Stack.CLICKHOUSE_TABLE));
        long max = GroundTruth.maxEventId();

        Backfills.awaitDone(Backfills.start("{}"));

        Set<Long> all = GroundTruth.validEvents(0, max).keySet();
        Progress.await("ClickHouse restored to equal PostgreSQL", all.size(), () -> Sinks.clickhouseIds(0, max).size());
        assertEquals(all, Sinks.clickhouseIds(0, max), "every valid source row is back, and nothing else");
    }

    private List<String[]> clickhouseTotals() {
        return Stack.clickhouse("""
                SELECT toString(content_id), count(), sum(ifNull(engagement_seconds, toDecimal64(0, 3)))
                FROM %s AND event_id > %d AND event_id <= %d GROUP BY content_id ORDER BY content_id"""
                .formatted(Stack.CLICKHOUSE_LIVE, baseline, upper));
    }

    private static List<String> rows(List<String[]> rows) {
        return rows.stream().map(r -> String.join("|", r)).toList();
    }

    private static JsonNode receiverSummary() {
        return Stack.json("GET", Stack.RECEIVER + "/received/summary", null);
    }
}
