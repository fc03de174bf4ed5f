package io.engagement.processor.topology;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.processor.mapping.CdcDecoder;
import io.engagement.processor.mapping.Contribution;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * Turns the changelog of one event id into steps for the totals. The connector routes every change of an event to
 * the partition of its content (the new row's, the old row's for a delete), so every version of an event meets here
 * in source order while it stays in this task's contents. Remembers the last version seen per event id with what it
 * contributed, for the dedupe retention. Per change:
 * <ul>
 * <li>older than the last version seen (a redelivery or replay overtaken by a newer change): dropped;</li>
 * <li>the same version again, or a replay ({@code op=r}) of a known event: emitted, counts nothing;</li>
 * <li>newer (or the first seen): the previous contribution is retracted and the new one added; a delete only
 *     retracts.</li>
 * </ul>
 * An update that moved the event from another content also sends a {@link MovedOut} notice to that content's task,
 * which takes back what it counted there. Versions are source positions (LSN), never processing time. This store,
 * not the before-image, is what knows the previous contribution: it is exactly what was counted (a version the DLQ
 * took never was).
 */
class VersionProcessor implements Processor<String, byte[], String, VersionOutcome> {
    private final Duration retention;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, VersionOutcome> context;
    private EventVersions versions;

    VersionProcessor(Duration retention, PipelineMetrics metrics) {
        this.retention = retention;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, VersionOutcome> context) {
        this.context = context;
        this.versions = new EventVersions(context, retention);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EngagementEventChange change = CdcDecoder.trustedEvent(record.value());
        long eventId = CdcDecoder.eventId(change);
        long version = CdcDecoder.version(change);
        long sourceTsMs = change.source().tsMs();
        EventVersion last = versions.last(eventId);
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
            versions.remember(eventId, new EventVersion(version, true, null));
            return;
        }
        Contribution next = Contribution.of(change.after());
        boolean sameContent = previous != null && previous.contentId().equals(next.contentId());
        if (previous != null && !sameContent) {
            // Counted here under another content of this task: taken back here.
            forward(record, previous.contentId().toString(), EventStep.retraction(previous, sourceTsMs));
        }
        forward(record, next.contentId().toString(),
                new EventStep(record.value(), sameContent ? previous : null, true, sourceTsMs));
        versions.remember(eventId, new EventVersion(version, false, next));
        UUID left = change.before() == null ? null : change.before().contentId();
        if (left != null && !left.equals(next.contentId())) {
            // The old content's task may have counted it (or this one: then the notice finds this version, a no-op).
            context.forward(record.withKey(left.toString())
                    .withValue(VersionOutcome.of(new MovedOut(eventId, version, sourceTsMs))));
        }
    }

    /**
     * The content a step belongs to. A deletion names the content last counted, else the one in its before-image;
     * one of an event no longer remembered, from a table without the full before-image, has none: its id stands in.
     */
    private static String keyOf(EngagementEventChange change, EventVersion last) {
        if (!CdcOp.DELETE.equals(change.op())) {
            return change.after().contentId().toString();
        }
        if (last != null && last.contribution() != null) {
            return last.contribution().contentId().toString();
        }
        return change.before() != null && change.before().contentId() != null ? change.before().contentId().toString()
                : Long.toString(CdcDecoder.eventId(change));
    }

    private void forward(Record<String, byte[]> record, String contentId, EventStep step) {
        context.forward(record.withKey(contentId).withValue(VersionOutcome.of(step)));
    }
}
