package io.engagement.processor.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.processor.metrics.PipelineMetrics;
import io.engagement.processor.support.Envelopes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The real topology in a TopologyTestDriver, with a wall clock the test moves. */
final class TopologyFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:05Z");
    /** The internal topic of the moved-out notices (application id "topology-test"). */
    static final String MOVED_OUT_TOPIC = "topology-test-moved-out-repartition";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologySettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> content;
    final TestInputTopic<byte[], byte[]> events;
    private final TestOutputTopic<String, byte[]> movedOut;
    private final TestInputTopic<String, byte[]> movedOutIn;
    final TestOutputTopic<String, EnrichedEvent> enriched;
    final TestOutputTopic<String, ContentBucketTotals> totals;
    final TestOutputTopic<byte[], byte[]> dlq;
    private final Path stateDir;

    TopologyFixture() {
        this(defaults(100_000));
    }

    TopologyFixture(TopologySettings settings) {
        this.settings = settings;
        try {
            stateDir = Files.createTempDirectory("topology-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new EngagementTopology(settings, new PipelineMetrics(registry)).build(),
                props, NOW);
        content = driver.createInputTopic(settings.contentTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        events = driver.createInputTopic(settings.eventsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(settings.enrichedTopic(), new StringDeserializer(),
                JsonSerdes.deserializer(EnrichedEvent.class));
        totals = driver.createOutputTopic(settings.totalsTopic(), new StringDeserializer(),
                JsonSerdes.deserializer(ContentBucketTotals.class));
        dlq = driver.createOutputTopic(settings.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        movedOut = driver.createOutputTopic(MOVED_OUT_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        movedOutIn = driver.createInputTopic(MOVED_OUT_TOPIC, new StringSerializer(), new ByteArraySerializer());
    }

    static TopologySettings defaults(int holdMaxEvents) {
        return new TopologySettings("in.content", "in.events", "out.enriched", "out.totals", "out.dlq",
                Duration.ofSeconds(10), 60, Duration.ofSeconds(60), holdMaxEvents, Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(1200), Duration.ofSeconds(300), Duration.ofDays(3650),
                Duration.ofHours(24), 524_288, 65_536);
    }

    long now() {
        return NOW.toEpochMilli();
    }

    void content(String op, UUID id, String title, Integer lengthSeconds) {
        content.pipeInput(Envelopes.contentKey(id), Envelopes.content(op,
                Envelopes.contentRow(id, "slug-" + id, title, "podcast", lengthSeconds), now() - 50));
    }

    byte[] event(String op, long id, UUID contentId, String type, Instant eventTs, Integer durationMs) {
        byte[] envelope = Envelopes.event(op, Envelopes.eventRow(id, contentId, type, eventTs, durationMs),
                now() - 20);
        events.pipeInput(Envelopes.eventKey(id), envelope);
        return envelope;
    }

    /** A change of event {@code id} at source position {@code lsn}. */
    void change(String op, long lsn, long id, UUID contentId, String type, Instant eventTs, Integer durationMs) {
        events.pipeInput(Envelopes.eventKey(id), Envelopes.envelope(op, null,
                Envelopes.eventRow(id, contentId, type, eventTs, durationMs), "engagement_events", now() - 20, lsn));
    }

    void delete(long lsn, long id) {
        events.pipeInput(Envelopes.eventKey(id), Envelopes.eventDelete(id, now() - 20, lsn));
    }

    /** A delete as the source writes it under REPLICA IDENTITY FULL: the whole old row, routed by its content. */
    void delete(long lsn, long id, UUID contentId, String type, Instant eventTs, Integer durationMs) {
        events.pipeInput(Envelopes.eventKey(id), Envelopes.envelope("d",
                Envelopes.eventRow(id, contentId, type, eventTs, durationMs), null, "engagement_events", now() - 20, lsn));
    }

    /**
     * An update of event {@code id} from content {@code from} to {@code to} as the connector writes it under REPLICA
     * IDENTITY FULL: the whole old row as {@code before}, routed (here: all one task) by the new row.
     */
    void move(long lsn, long id, UUID from, UUID to, String type, Instant eventTs, Integer durationMs) {
        events.pipeInput(Envelopes.eventKey(id), Envelopes.envelope("u",
                Envelopes.eventRow(id, from, type, eventTs, durationMs),
                Envelopes.eventRow(id, to, type, eventTs, durationMs), "engagement_events", now() - 20, lsn));
    }

    /** The notices this task sent to the tasks of the contents events moved away from (the internal topic). */
    List<TestRecord<String, byte[]>> movedOutNotices() {
        return movedOut.readRecordsToList();
    }

    /** Notices another task sent, as this task reads them from the internal topic. */
    void deliver(List<TestRecord<String, byte[]>> notices) {
        notices.forEach(movedOutIn::pipeInput);
    }

    /** The totals every bucket ends with: the last value emitted per key (what Redis holds after projecting them). */
    java.util.Map<String, ContentBucketTotals> finalTotals() {
        java.util.Map<String, ContentBucketTotals> last = new java.util.TreeMap<>();
        totals.readRecordsToList().forEach(r -> last.put(r.key(), r.value()));
        return last;
    }

    void rawEvent(byte[] value) {
        events.pipeInput(Envelopes.eventKey(1), value);
    }

    List<TestRecord<byte[], byte[]>> dlqRecords() {
        return dlq.readRecordsToList();
    }

    double dlqCount(String reason) {
        var counter = registry.find("pipeline_dlq_records").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
