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
 * The stream-processor, top to bottom, in one sub-topology. The connector routes both CDC topics by content id (the
 * partition of the id's hash, {@link SourcePartitioner}; the record keys stay the primary keys), and they have the
 * same partition count, so partition p of each holds the same contents and a task sees a content row and all its
 * events: one exactly-once hop from the CDC topics to the outputs, no repartition of the event stream.
 * <ol>
 * <li>decode and validate both CDC topics (bad records → DLQ);</li>
 * <li>per event id, in source order: compare the change with the last version seen, and decide what the totals take
 * back and add (a correction retracts the old contribution, a deletion only retracts, a replay changes nothing); an
 * update that moved the event from another content also notifies that content's task (the only records that take a
 * second hop, through the internal moved-out topic), which takes back what it counted;</li>
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

        // 1. Decode and validate; content keyed by its id, events by event id for step 2.
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
        KStream<String, byte[]> contentById = accepted(content, "content", deadLetters);
        // 2. Every version of an event id arrives in source order in the task of its content.
        Duration retention = settings.dedupeRetention();
        KStream<String, VersionOutcome> outcomes = accepted(events, "events", deadLetters)
                .process(() -> new VersionProcessor(retention, metrics), Named.as("event-versions"), VERSIONS_STORE);
        KStream<String, EventStep> movedOut = outcomes
                .flatMapValues(o -> o.movedOut() == null ? List.<MovedOut> of() : List.of(o.movedOut()),
                        Named.as("moves"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerdes.serde(MovedOut.class))
                        .withName("moved-out").withStreamPartitioner(new SourcePartitioner<>()))
                .process(() -> new MovedOutProcessor(retention), Named.as("moved-out-versions"), VERSIONS_STORE);
        KStream<String, EventStep> stepsByContent = outcomes
                .flatMapValues(o -> o.step() == null ? List.<EventStep> of() : List.of(o.step()),
                        Named.as("event-steps"))
                .merge(movedOut, Named.as("steps"));

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

    /** The accepted values of a step; its dead letters join the DLQ branch. */
    private static <T> KStream<String, T> accepted(KStream<String, Routed<T>> routed, String step,
            List<KStream<String, DeadLetter>> deadLetters) {
        deadLetters.add(routed.flatMapValues(value -> value instanceof Routed.Dead<T> dead
                ? List.of(dead.letter()) : List.<DeadLetter> of(), Named.as(step + "-rejected")));
        return routed.flatMapValues(value -> value instanceof Routed.Ok<T> ok
                ? List.of(ok.value()) : List.<T> of(), Named.as(step + "-accepted"));
    }
}
