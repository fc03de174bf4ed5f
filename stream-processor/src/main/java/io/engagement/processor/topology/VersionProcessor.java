package io.engagement.processor.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.processor.mapping.CdcDecoder;
import io.engagement.processor.mapping.Contribution;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * Turns the changelog of one event id into steps for the totals. Runs on the CDC topic's own partitions (keyed by the
 * row's primary key, so every version of an event meets here in source order) and remembers the last version seen per
 * event id with what it contributed, for the dedupe retention. Per change:
 * <ul>
 * <li>older than the last version seen (a redelivery or replay overtaken by a newer change): dropped;</li>
 * <li>the same version again, or a replay ({@code op=r}) of a known event: emitted, counts nothing;</li>
 * <li>newer (or the first seen): the previous contribution is retracted and the new one added; a delete only
 *     retracts.</li>
 * </ul>
 * Versions are source positions (LSN), never processing time. This store, not a full before-image from the source,
 * is what knows the previous contribution: it is exactly what was counted (a version the DLQ took never was).
 */
class VersionProcessor implements Processor<String, byte[], String, EventStep> {
    private final Duration retention;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, EventStep> context;
    private WindowStore<String, EventVersion> versions;

    VersionProcessor(Duration retention, PipelineMetrics metrics) {
        this.retention = retention;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, EventStep> context) {
        this.context = context;
        this.versions = context.getStateStore(EngagementTopology.VERSIONS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EngagementEventChange change = CdcDecoder.trustedEvent(record.value());
        String eventId = Long.toString(CdcDecoder.eventId(change));
        long version = CdcDecoder.version(change);
        long sourceTsMs = change.source().tsMs();
        EventVersion last = last(eventId);
        boolean replay = CdcOp.READ.equals(change.op());
        if (last != null && (version < last.version() || replay && last.deleted())) {
            metrics.staleVersion();
            return;
        }
        if (last != null && (version == last.version() || replay)) {
            // Nothing new: sinks are idempotent by (event id, version), and a backfill may be restoring one of them.
            forward(record, keyOf(change, last), new EventStep(record.value(), null, false, sourceTsMs));
            return;
        }
        Contribution previous = last == null ? null : last.contribution();
        if (CdcOp.DELETE.equals(change.op())) {
            forward(record, keyOf(change, last), new EventStep(record.value(), previous, false, sourceTsMs));
            remember(eventId, new EventVersion(version, true, null));
            return;
        }
        Contribution next = Contribution.of(change.after());
        boolean sameContent = previous != null && previous.contentId().equals(next.contentId());
        if (previous != null && !sameContent) {
            forward(record, previous.contentId().toString(), EventStep.retraction(previous, sourceTsMs));
        }
        forward(record, next.contentId().toString(),
                new EventStep(record.value(), sameContent ? previous : null, true, sourceTsMs));
        remember(eventId, new EventVersion(version, false, next));
    }

    /** The content a step belongs to; a deletion of an event no longer remembered has none, its id stands in. */
    private static String keyOf(EngagementEventChange change, EventVersion last) {
        if (!CdcOp.DELETE.equals(change.op())) {
            return change.after().contentId().toString();
        }
        return last != null && last.contribution() != null ? last.contribution().contentId().toString()
                : Long.toString(CdcDecoder.eventId(change));
    }

    private EventVersion last(String eventId) {
        long now = context.currentSystemTimeMs();
        try (WindowStoreIterator<EventVersion> found = versions.backwardFetch(eventId, now - retention.toMillis(),
                Long.MAX_VALUE)) {
            return found.hasNext() ? found.next().value : null;
        }
    }

    /** Stored at the wall-clock time of the change, so each entry lives for the retention after the event's last change. */
    private void remember(String eventId, EventVersion version) {
        versions.put(eventId, version, context.currentSystemTimeMs());
    }

    private void forward(Record<String, byte[]> record, String contentId, EventStep step) {
        context.forward(record.withKey(contentId).withValue(step));
    }
}
