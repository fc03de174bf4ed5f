package io.engagement.processor.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.engagement.processor.mapping.Contribution;

/**
 * In the task of the content an event left: takes back what this task counted for the event, unless it has seen the
 * move's version or a newer one already (the event came back, was deleted, or the notice arrived twice). From then on
 * the event counts as gone here, so an older version arriving late cannot bring it back.
 */
class MovedOutProcessor implements Processor<String, MovedOut, String, EventStep> {
    private final Duration retention;
    private ProcessorContext<String, EventStep> context;
    private EventVersions versions;

    MovedOutProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, EventStep> context) {
        this.context = context;
        this.versions = new EventVersions(context, retention);
    }

    @Override
    public void process(Record<String, MovedOut> record) {
        MovedOut moved = record.value();
        EventVersion last = versions.last(moved.eventId());
        if (last != null && last.version() >= moved.version()) {
            return;
        }
        Contribution previous = last == null ? null : last.contribution();
        if (previous != null) {
            context.forward(record.withKey(previous.contentId().toString())
                    .withValue(EventStep.retraction(previous, moved.sourceTsMs())));
        }
        versions.remember(moved.eventId(), new EventVersion(moved.version(), true, null));
    }
}
