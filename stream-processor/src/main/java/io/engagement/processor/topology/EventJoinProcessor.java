package io.engagement.processor.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.engagement.contracts.ContentRow;
import io.engagement.processor.mapping.Reasons;
import io.engagement.processor.mapping.Rejection;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * Joins each step (keyed by content id) with the content row current right now. A step whose content has not
 * arrived is held, and so is every later step of that content while any is held, so a correction or a deletion never
 * overtakes the version it takes back; deletions and bare retractions need no content row of their own. A wall-clock
 * punctuator sends steps held longer than the timeout to the DLQ, and a full hold store sends new arrivals there, so
 * a missing content row can never exhaust memory or disk.
 */
class EventJoinProcessor implements Processor<String, EventStep, String, Routed<JoinedStep>> {
    private final PipelineMetrics metrics;
    private final int maxHeld;
    private final Duration holdTimeout;
    private final Duration checkInterval;
    private ProcessorContext<String, Routed<JoinedStep>> context;
    private KeyValueStore<String, ContentRow> contents;
    private HoldStore hold;

    EventJoinProcessor(PipelineMetrics metrics, int maxHeld, Duration holdTimeout, Duration checkInterval) {
        this.metrics = metrics;
        this.maxHeld = maxHeld;
        this.holdTimeout = holdTimeout;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, Routed<JoinedStep>> context) {
        this.context = context;
        this.contents = context.getStateStore(EngagementTopology.CONTENT_STORE);
        this.hold = new HoldStore(context, metrics.heldEvents(context.taskId().toString()));
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::expireHeld);
    }

    @Override
    public void process(Record<String, EventStep> record) {
        EventStep step = record.value();
        ContentRow content = contents.get(record.key());
        if (!hold.holds(record.key()) && (content != null || !Steps.needsContent(step))) {
            context.forward(new Record<>(record.key(), Routed.ok(Steps.join(step, content,
                    context.currentSystemTimeMs())), record.timestamp(), new RecordHeaders()));
            return;
        }
        SourcePosition source = SourcePosition.from(record.headers());
        if (hold.size() >= maxHeld) {
            deadLetter(record.key(), step, record.timestamp(), source, new Rejection(Reasons.HOLD_OVERFLOW,
                    "content " + record.key() + " not seen yet and " + maxHeld + " events are already held"));
            return;
        }
        long sequence = context.recordMetadata().map(m -> m.offset()).orElseThrow();
        hold.hold(record.key(), sequence, new HeldEvent(step, source, record.timestamp(), context.currentSystemTimeMs()));
    }

    private void expireHeld(long nowMs) {
        for (KeyValue<String, HeldEvent> expired : hold.expire(nowMs - holdTimeout.toMillis())) {
            String contentId = expired.key;
            HeldEvent held = expired.value;
            deadLetter(contentId, held.step(), held.recordTimestamp(), held.source(),
                    new Rejection(Reasons.CONTENT_MISSING, "content " + contentId + " did not arrive within "
                            + holdTimeout));
        }
    }

    private void deadLetter(String contentId, EventStep step, long timestamp, SourcePosition source,
            Rejection rejection) {
        if (step.envelope() == null) {
            // A bare retraction of a version that is itself dead-lettered: it never counted, nothing to take back.
            return;
        }
        context.forward(new Record<>(contentId, Routed.dead(DeadLetter.of(
                contentId.getBytes(StandardCharsets.UTF_8), step.envelope(), rejection, source)),
                timestamp, new RecordHeaders()));
    }
}
