package io.engagement.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.EnrichedEvent;

/**
 * An update that moves an event to a content of another partition reaches only the new content's task; the old one
 * learns of it from a {@link MovedOut} notice one hop later, through the internal topic. Two tasks, each a topology
 * with its own stores, with the notices carried between them by hand, in the orders the two hops can interleave: the
 * event ends counted once, where it is.
 */
class MovesBetweenTasksTest {
    private static final Instant BUCKET = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant IN_BUCKET = BUCKET.plusSeconds(1);
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final TopologyFixture taskOfA = new TopologyFixture();
    private final TopologyFixture taskOfB = new TopologyFixture();

    @BeforeEach
    void catalogue() {
        taskOfA.content("c", a, "A", 100);
        taskOfB.content("c", b, "B", 100);
    }

    @AfterEach
    void close() {
        taskOfA.close();
        taskOfB.close();
    }

    @Test
    void theTaskTheEventLeftTakesBackWhatItCountedWhenTheNoticeArrives() {
        taskOfA.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        taskOfB.move(200, 1, a, b, "play", IN_BUCKET, 4_000);
        List<TestRecord<String, byte[]>> notices = taskOfB.movedOutNotices();
        assertEquals(List.of(a.toString()), notices.stream().map(TestRecord::key).toList(), "keyed by the old content");
        assertEquals("1 4.000", totals(taskOfA).get(key(a)), "counted in A until the notice arrives");

        taskOfA.deliver(notices);
        assertEquals(Map.of(key(a), "0 0.000"), totals(taskOfA));
        assertEquals(Map.of(key(b), "1 4.000"), totals(taskOfB));
        assertEquals(List.of("c"), ops(taskOfA), "A sends no deletion notice: the event still exists");
        assertEquals(List.of("u"), ops(taskOfB));

        taskOfA.deliver(notices);
        assertTrue(taskOfA.totals.isEmpty(), "a notice arriving twice takes back nothing more");
    }

    @Test
    void aMoveAndAMoveBackOvertakingEachOthersNoticesEndCountedOnceWhereTheEventIs() {
        taskOfA.change("c", 100, 1, a, "play", IN_BUCKET, 4_000);
        // a → b at 200 reaches B's task, b → a at 300 reaches A's task, and each notice arrives after the other move.
        taskOfA.move(300, 1, b, a, "play", IN_BUCKET, 6_000);
        taskOfB.deliver(taskOfA.movedOutNotices());
        taskOfB.move(200, 1, a, b, "play", IN_BUCKET, 4_000);
        taskOfA.deliver(taskOfB.movedOutNotices());

        assertEquals(Map.of(key(a), "1 6.000"), totals(taskOfA), "A counts the newest version, once");
        assertTrue(taskOfB.finalTotals().isEmpty(), "B never counts the version it learned was superseded");
        assertTrue(taskOfB.enriched.isEmpty());
    }

    private static Map<String, String> totals(TopologyFixture task) {
        Map<String, String> rendered = new TreeMap<>();
        task.finalTotals().forEach((k, t) -> rendered.put(k, t.events() + " " + t.engagementSeconds().setScale(3)));
        return rendered;
    }

    private static List<String> ops(TopologyFixture task) {
        return task.enriched.readValuesToList().stream().map(EnrichedEvent::op).toList();
    }

    private static String key(UUID content) {
        return ContentBucketTotals.key(content, BUCKET.toEpochMilli());
    }
}
