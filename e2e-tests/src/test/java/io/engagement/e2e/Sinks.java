package io.engagement.e2e;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;

/** What each sink holds for a range of event ids (other test suites may have put records outside it). */
final class Sinks {
    private Sinks() {
    }

    static Set<Long> clickhouseIds(long after, long upTo) {
        Set<Long> ids = new HashSet<>();
        for (String[] row : Stack.clickhouse("SELECT event_id FROM " + Stack.CLICKHOUSE_LIVE
                + " AND event_id > " + after + " AND event_id <= " + upTo)) {
            ids.add(Long.parseLong(row[0]));
        }
        return ids;
    }

    /** Asks the receiver about every id of the range, 400 at a time (the id list travels in the URL) (it may hold millions of others). */
    static Set<Long> receivedIds(long after, long upTo) {
        Set<Long> ids = new HashSet<>();
        for (long first = after + 1; first <= upTo; first += 400) {
            String query = LongStream.rangeClosed(first, Math.min(upTo, first + 399)).mapToObj(Long::toString)
                    .collect(Collectors.joining(","));
            for (JsonNode entry : Stack.json("GET", Stack.RECEIVER + "/received/events?ids=" + query, null)) {
                // The ledger's last word on a deleted event is its deletion notice: not an event it holds.
                if (!"delete".equals(entry.path("event").path("change").asText())) {
                    ids.add(entry.path("event").path("event_id").asLong());
                }
            }
        }
        return ids;
    }

    /** Asks the receiver about these ids, 400 at a time (ids of records produced straight onto a topic lie far apart). */
    static Set<Long> receivedIds(Collection<Long> wanted) {
        Set<Long> ids = new HashSet<>();
        List<Long> all = List.copyOf(wanted);
        for (int first = 0; first < all.size(); first += 400) {
            String query = all.subList(first, Math.min(all.size(), first + 400)).stream().map(Object::toString)
                    .collect(Collectors.joining(","));
            for (JsonNode entry : Stack.json("GET", Stack.RECEIVER + "/received/events?ids=" + query, null)) {
                if (!"delete".equals(entry.path("event").path("change").asText())) {
                    ids.add(entry.path("event").path("event_id").asLong());
                }
            }
        }
        return ids;
    }

    /** Until both ClickHouse and the receiver hold every expected event (the slower of the two sets the pace). */
    static void awaitCaughtUp(Set<Long> expected, long after, long upTo) {
        Progress.await("ClickHouse and the webhook receiver hold every valid event", expected.size(),
                () -> Math.min(present(expected, clickhouseIds(after, upTo)), present(expected, receivedIds(after, upTo))));
    }

    static void awaitRowsAfter(long baseline, long rows) {
        Progress.await("simulator traffic", rows, () -> GroundTruth.maxEventId() - baseline);
    }

    private static long present(Set<Long> expected, Set<Long> held) {
        return expected.stream().filter(held::contains).count();
    }
}
