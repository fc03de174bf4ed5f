package io.engagement.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** What each sink holds for a range of event ids (other test suites may have put records outside it). */
final class Sinks {
    private Sinks() {
    }

    static Set<Long> clickhouseIds(long after, long upTo) {
        Set<Long> ids = new HashSet<>();
        for (String[] row : Stack.clickhouse("SELECT DISTINCT event_id FROM " + Stack.CLICKHOUSE_TABLE
                + " WHERE event_id > " + after + " AND event_id <= " + upTo)) {
            ids.add(Long.parseLong(row[0]));
        }
        return ids;
    }

    static Set<Long> receivedIds(long after, long upTo) {
        Set<Long> ids = new HashSet<>();
        for (JsonNode id : Stack.json("GET", Stack.RECEIVER + "/received/ids", null)) {
            if (id.asLong() > after && id.asLong() <= upTo) {
                ids.add(id.asLong());
            }
        }
        return ids;
    }

    static void awaitCaughtUp(Set<Long> expected, long after, long upTo) {
        await("ClickHouse and the webhook receiver hold every valid event").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> clickhouseIds(after, upTo).containsAll(expected)
                        && receivedIds(after, upTo).containsAll(expected));
    }

    static void awaitRowsAfter(long baseline, long rows) {
        await("simulator traffic").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> GroundTruth.maxEventId() - baseline >= rows);
    }
}
