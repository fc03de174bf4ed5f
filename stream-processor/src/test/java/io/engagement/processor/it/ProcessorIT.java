package io.engagement.processor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;
import io.engagement.processor.support.KafkaSupport;
import io.engagement.processor.support.ProcessorProcess;
import io.engagement.processor.support.SourceDatabase;

/**
 * The built processor on the real stack: rows inserted in PostgreSQL, captured by the shared Debezium connector,
 * processed by real processes of the jar. Each test has its own application id and output topics and only looks at
 * events of the content rows it created (others write to the same CDC topics at the same time).
 */
class ProcessorIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private final String run = "sp-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String enriched = run + ".enriched";
    private final String totals = run + ".totals";
    private final String dlq = run + ".dlq";
    private final List<ProcessorProcess> processes = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();
    private SourceDatabase db;
    private KafkaConsumer<byte[], byte[]> output;
    private final List<EnrichedEvent> seen = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        KafkaSupport.createTopics(List.of(enriched, totals, dlq), 6);
        KafkaSupport.startGroupAtEnd(run, List.of(Topics.CONTENT_CDC, Topics.EVENTS_CDC));
        db = new SourceDatabase();
        output = KafkaSupport.readCommitted(enriched);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ProcessorProcess process : processes) {
            process.close();
        }
        output.close();
        db.close();
        KafkaSupport.deleteTopics(List.of(enriched, totals, dlq), run);
        for (Path dir : stateDirs) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void rowsInsertedInPostgresComeOutEnrichedWithCorrectValues() throws Exception {
        start("single", newStateDir()).awaitReady(READY);
        UUID podcast = db.insertContent("IT podcast", 300);
        UUID newsletter = db.insertContent("IT newsletter", null);
        long play = db.insertEvents(List.of(podcast), "play", 12_345).get(0);
        long click = db.insertEvents(List.of(podcast), "click", null).get(0);
        long read = db.insertEvents(List.of(newsletter), "finish", 60_000).get(0);

        Map<Long, EnrichedEvent> byId = awaitEvents(Set.of(podcast, newsletter), 3).stream()
                .collect(Collectors.toMap(EnrichedEvent::eventId, e -> e));
        EnrichedEvent p = byId.get(play);
        assertEquals(new BigDecimal("12.345"), p.engagementSeconds());
        assertEquals(new BigDecimal("4.12"), p.engagementPct());
        assertEquals("IT podcast", p.title());
        assertEquals("it-" + podcast, p.slug());
        assertEquals(300, p.lengthSeconds());
        assertEquals("c", p.op());
        assertEquals("{\"it\": true}", p.rawPayload());
        assertTrue(p.sourceTsMs() > 0 && p.processedTsMs() >= p.sourceTsMs());
        assertEquals(null, byId.get(click).engagementSeconds());
        assertEquals(null, byId.get(read).engagementPct());
        assertEquals(new BigDecimal("60.000"), byId.get(read).engagementSeconds());
    }

    @Test
    void twoInstancesSharePartitionsAndEmitEveryEventExactlyOnce() throws Exception {
        ProcessorProcess a = start("a", newStateDir());
        ProcessorProcess b = start("b", newStateDir());
        a.awaitReady(READY);
        b.awaitReady(READY);
        List<UUID> contents = contents(12);
        List<Long> ids = insertRoundRobin(contents, 1_200);

        assertExactlyOnce(ids, awaitEvents(Set.copyOf(contents), ids.size()));
        assertTrue(a.metric("pipeline_records_out_total{stage=\"stream-processor\",topic=\"" + enriched) > 0,
                "instance a emitted nothing: partitions were not shared");
        assertTrue(b.metric("pipeline_records_out_total{stage=\"stream-processor\",topic=\"" + enriched) > 0,
                "instance b emitted nothing: partitions were not shared");
    }

    @Test
    void instanceKilledMidStreamAndRestartedLosesAndDuplicatesNothing() throws Exception {
        Path stateA = newStateDir();
        ProcessorProcess a = start("kill-a", stateA);
        ProcessorProcess b = start("kill-b", newStateDir());
        a.awaitReady(READY);
        b.awaitReady(READY);
        List<UUID> contents = contents(12);
        List<Long> ids = new ArrayList<>(insertRoundRobin(contents, 600));
        CompletableFuture<List<Long>> more = CompletableFuture.supplyAsync(() -> {
            try {
                List<Long> inserted = new ArrayList<>();
                for (int batch = 0; batch < 20; batch++) {
                    inserted.addAll(insertRoundRobin(contents, 60));
                }
                return inserted;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await("some output before the kill").atMost(Duration.ofSeconds(60))
                .until(() -> poll(Set.copyOf(contents)) >= 200);
        a.kill9();
        start("kill-a-restarted", stateA).awaitReady(READY);
        ids.addAll(more.get());

        assertExactlyOnce(ids, awaitEvents(Set.copyOf(contents), ids.size()));
    }

    private ProcessorProcess start(String name, Path stateDir) {
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.kafka-streams.application-id", run);
        props.put("pipeline.topics.enriched", enriched);
        props.put("pipeline.topics.totals", totals);
        props.put("pipeline.topics.dlq", dlq);
        // A SIGKILLed member leaves the group after this, not after the 45 s default.
        props.put("kafka-streams.consumer.session.timeout.ms", "6000");
        props.put("kafka-streams.consumer.heartbeat.interval.ms", "1500");
        ProcessorProcess process = new ProcessorProcess(run + "-" + name, stateDir, props).start();
        processes.add(process);
        return process;
    }

    private Path newStateDir() throws IOException {
        Path dir = Files.createTempDirectory(run);
        stateDirs.add(dir);
        return dir;
    }

    private List<UUID> contents(int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(db.insertContent("IT " + i, 600));
        }
        return ids;
    }

    private List<Long> insertRoundRobin(List<UUID> contents, int events) throws Exception {
        return db.insertEvents(IntStream.range(0, events).mapToObj(i -> contents.get(i % contents.size())).toList(),
                "play", 1_000);
    }

    private List<EnrichedEvent> awaitEvents(Set<UUID> contents, int expected) {
        Awaitility.await("enriched events of this test").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).until(() -> poll(contents) >= expected);
        // Anything emitted twice would show up within a few more commit intervals.
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            poll(contents);
            return true;
        });
        return seen;
    }

    private int poll(Set<UUID> contents) throws IOException {
        for (ConsumerRecord<byte[], byte[]> record : output.poll(Duration.ofMillis(200))) {
            EnrichedEvent event = JsonSerdes.mapper().readValue(record.value(), EnrichedEvent.class);
            if (contents.contains(event.contentId())) {
                seen.add(event);
            }
        }
        return seen.size();
    }

    private static void assertExactlyOnce(List<Long> inserted, List<EnrichedEvent> emitted) {
        Map<Long, Long> counts = emitted.stream()
                .collect(Collectors.groupingBy(EnrichedEvent::eventId, Collectors.counting()));
        List<Long> missing = inserted.stream().filter(id -> !counts.containsKey(id)).toList();
        List<Long> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), missing, "lost events");
        assertEquals(List.of(), duplicated, "duplicated events");
        assertEquals(inserted.size(), emitted.size());
    }
}
