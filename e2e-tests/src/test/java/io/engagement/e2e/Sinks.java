package io.engagement.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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

    /** The ids of the range the receiver holds as events (it may hold millions of others). */
    static Set<Long> receivedIds(long after, long upTo) {
        return receivedIds(range(after, upTo));
    }

    /** Which of these ids the receiver holds as events, per its inspection record (kept in memory, bounded). */
    static Set<Long> receivedIds(Collection<Long> wanted) {
        Set<Long> ids = new HashSet<>();
        askReceiver("/received/events", wanted, answer -> {
            for (JsonNode entry : answer) {
                // The ledger's last word on a deleted event is its deletion notice: not an event it holds.
                if (!"delete".equals(entry.path("event").path("change").asText())) {
                    ids.add(entry.path("event").path("event_id").asLong());
                }
            }
        });
        return ids;
    }

    /** The ids of the range the receiver has applied, from its durable store (it survives a receiver restart). */
    static Set<Long> appliedIds(long after, long upTo) {
        Set<Long> ids = new HashSet<>();
        askReceiver("/received/versions", range(after, upTo),
                answer -> answer.fieldNames().forEachRemaining(id -> ids.add(Long.parseLong(id))));
        return ids;
    }

    /** GETs PATH?ids=… for the ids, 400 at a time: the id list travels in the URL. */
    private static void askReceiver(String path, Collection<Long> ids, Consumer<JsonNode> answer) {
        List<Long> all = List.copyOf(ids);
        for (int first = 0; first < all.size(); first += 400) {
            String query = all.subList(first, Math.min(all.size(), first + 400)).stream().map(Object::toString)
                    .collect(Collectors.joining(","));
            answer.accept(Stack.json("GET", Stack.RECEIVER + path + "?ids=" + query, null));
        }
    }

    private static List<Long> range(long after, long upTo) {
        return LongStream.rangeClosed(after + 1, upTo).boxed().toList();
    }

    /** Until both ClickHouse and the receiver hold every expected event (the slower of the two sets the pace). */
    static void awaitCaughtUp(Set<Long> expected, long after, long upTo) {
        try {
            Progress.await("ClickHouse and the webhook receiver hold every valid event", expected.size(),
                    () -> Math.min(present(expected, clickhouseIds(after, upTo)),
                            present(expected, receivedIds(after, upTo))));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + trace(expected, after, upTo), e);
        }
    }

    /** Where the events a sink lacks got to: which sink lacks them, and the topics that hold them, at which offsets. */
    static String trace(Set<Long> expected, long after, long upTo) {
        Set<Long> notInClickhouse = missing(expected, clickhouseIds(after, upTo));
        Set<Long> notReceived = missing(expected, receivedIds(after, upTo));
        Set<Long> traced = new TreeSet<>(notInClickhouse);
        traced.addAll(notReceived);
        traced = traced.stream().limit(20).collect(Collectors.toCollection(TreeSet::new));
        StringBuilder where = new StringBuilder("not in ClickHouse: " + notInClickhouse.size() + " " + first(notInClickhouse)
                + "; not at the receiver: " + notReceived.size() + " " + first(notReceived));
        for (String topic : List.of("pg.public.engagement_events", "engagements.enriched", "engagements.dlq")) {
            Map<Long, List<String>> found = new TreeMap<>();
            Set<Long> ids = traced;
            TopicReader.read(topic, Map.of(), record -> {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                for (long id : ids) {
                    if (value.contains("\"event_id\":" + id + ",") || value.contains("\"event_id\":" + id + "}")) {
                        found.computeIfAbsent(id, k -> new ArrayList<>()).add(record.partition() + "@" + record.offset());
                    }
                }
            });
            where.append("\n  ").append(topic).append(" (read_committed): ").append(found);
        }
        return where.toString();
    }

    private static Set<Long> missing(Set<Long> expected, Set<Long> held) {
        return expected.stream().filter(id -> !held.contains(id)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String first(Set<Long> ids) {
        return ids.stream().limit(20).toList().toString();
    }

    static void awaitRowsAfter(long baseline, long rows) {
        Progress.await("simulator traffic", rows, () -> GroundTruth.maxEventId() - baseline);
    }

    /** How many of the expected ids a sink holds. */
    static long present(Set<Long> expected, Set<Long> held) {
        return expected.stream().filter(held::contains).count();
    }
}
