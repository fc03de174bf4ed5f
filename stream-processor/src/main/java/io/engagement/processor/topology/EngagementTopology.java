package io.engagement.processor.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.ContentRow;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.processor.mapping.CdcDecoder;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * The stream-processor, top to bottom:
 * <ol>
 * <li>decode and validate both CDC topics (bad records → DLQ); re-key content by id;</li>
 * <li>per event id, in source order: compare the change with the last version seen, and decide what the totals take
 * back and add (a correction retracts the old contribution, a deletion only retracts, a replay changes nothing);
 * re-key those steps by content id;</li>
 * <li>join each step with the content row current now, or hold it until that row arrives;</li>
 * <li>emit enriched versions (corrections, deletion notices and replays included, marked by op);</li>
 * <li>apply the steps to absolute per-content 10-second bucket totals;</li>
 * <li>write every dead letter to the DLQ with its reason.</li>
 * </ol>
 */
public class EngagementTopology {
    public static final String CONTENT_STORE = "content-by-id";
    public static final String HOLD_STORE = "held-events";
    /** The dedupe store: last version seen per event id (and what it contributes), for the dedupe retention. */
    public static final String VERSIONS_STORE = "event-versions";
    public static final String TOTALS_STORE = "content-bucket-totals";

    private final TopologySettings settings;
    private final PipelineMetrics metrics;
    private final CdcDecoder decoder;

    public EngagementTopology(TopologySettings settings, PipelineMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.decoder = new CdcDecoder(settings.maxFutureSkew(), settings.maxAge(), settings.maxDuration(),
                settings.maxEventBytes(), settings.maxContentBytes(), metrics::unknownColumn);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder);
        List<KStream<String, DeadLetter>> deadLetters = new ArrayList<>();

        // 1. Decode and validate; content is re-keyed by id, events stay keyed by event id (the CDC key) for step 2.
        KStream<String, Routed<byte[]>> content = builder
                .stream(settings.contentTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new DecodeProcessor(metrics,
                        (json, now) -> CdcDecoder.subject(decoder.content(json)).id().toString()),
                        Named.as("decode-content"));
        KStream<String, Routed<byte[]>> events = builder
                .stream(settings.eventsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new DecodeProcessor(metrics,
                        (json, now) -> Long.toString(CdcDecoder.eventId(decoder.event(json, now)))),
                        Named.as("decode-events"));
        KStream<String, byte[]> contentById = accepted(content, "content", deadLetters).repartition(byContent("content-by-id"));
        // 2. Still on the CDC topic's partitions, where every version of an event id arrives in source order.
        Duration retention = settings.dedupeRetention();
        KStream<String, EventStep> stepsByContent = accepted(events, "events", deadLetters)
                .process(() -> new VersionProcessor(retention, metrics), Named.as("event-versions"), VERSIONS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), JsonSerdes.serde(EventStep.class))
                        .withName("event-steps-by-content").withNumberOfPartitions(settings.repartitionPartitions()));

        // 3. Join with the current content row, or hold until it arrives.
        KStream<String, Routed<JoinedStep>> released = contentById.process(() -> new ContentProcessor(metrics),
                Named.as("store-content"), CONTENT_STORE, HOLD_STORE);
        KStream<String, Routed<JoinedStep>> joined = stepsByContent.process(
                () -> new EventJoinProcessor(metrics, settings.holdMaxEvents(), settings.holdTimeout(),
                        settings.holdCheckInterval()),
                Named.as("join-content"), CONTENT_STORE, HOLD_STORE);
        KStream<String, JoinedStep> steps = accepted(joined.merge(released, Named.as("joined-or-released")),
                "joined", deadLetters);

        // 4. Every enriched version goes out, replays included: sinks keep the highest version per event_id.
        steps.flatMapValues(step -> step.event() == null ? List.<EnrichedEvent> of() : List.of(step.event()),
                Named.as("enriched-versions")).peek((contentId, event) -> {
            metrics.recordOut(settings.enrichedTopic());
            metrics.emitted(event.sourceTsMs(), System.currentTimeMillis());
        }, Named.as("count-enriched")).to(settings.enrichedTopic(),
                Produced.with(Serdes.String(), JsonSerdes.serde(EnrichedEvent.class)));

        // 5. The steps move each event's contribution in and out of the absolute totals of its bucket.
        steps.process(() -> new TotalsProcessor(settings), Named.as("bucket-totals"), TOTALS_STORE)
                .peek((key, totals) -> metrics.recordOut(settings.totalsTopic()), Named.as("count-totals"))
                .to(settings.totalsTopic(), Produced.with(Serdes.String(), JsonSerdes.serde(ContentBucketTotals.class)));

        // 6. Dead letters from every step.
        deadLetters.stream().reduce((a, b) -> a.merge(b)).orElseThrow()
                .process(() -> new DeadLetterProcessor(metrics), Named.as("dead-letters"))
                .peek((key, value) -> metrics.recordOut(settings.dlqTopic()), Named.as("count-dlq"))
                .to(settings.dlqTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    private void addStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONTENT_STORE),
                Serdes.String(), JsonSerdes.serde(ContentRow.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOLD_STORE),
                Serdes.String(), JsonSerdes.serde(HeldEvent.class)));
        // Window stores drop whole segments once older than their retention: versions and buckets expire for free.
        Duration retention = settings.dedupeRetention();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(VERSIONS_STORE, retention, Duration.ofMillis(1), false),
                Serdes.String(), JsonSerdes.serde(EventVersion.class)));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(TOTALS_STORE, retention, settings.bucket(), false),
                Serdes.String(), JsonSerdes.serde(ContentBucketTotals.class)));
    }

    private Repartitioned<String, byte[]> byContent(String name) {
        return Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(name)
                .withNumberOfPartitions(settings.repartitionPartitions());
    }

    /** The accepted values of a step; its dead letters join the DLQ branch. */
    private static <T> KStream<String, T> accepted(KStream<String, Routed<T>> routed, String step,
            List<KStream<String, DeadLetter>> deadLetters) {
        deadLetters.add(routed.flatMapValues(value -> value instanceof Routed.Dead<T> dead
                ? List.of(dead.letter()) : List.<DeadLetter> of(), Named.as(step + "-rejected")));
        return routed.flatMapValues(value -> value instanceof Routed.Ok<T> ok
                ? List.of(ok.value()) : List.<T> of(), Named.as(step + "-accepted"));
    }
}
