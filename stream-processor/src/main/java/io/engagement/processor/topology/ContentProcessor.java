package io.engagement.processor.topology;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.ContentChange;
import io.engagement.contracts.ContentRow;
import io.engagement.processor.mapping.CdcDecoder;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * Keeps the current content row per id and releases the steps held for it the moment it arrives. Only the store
 * changes on an update: events already emitted keep the content they were joined with. A delete keeps the last row:
 * events committed before it may still be on their way (the events topic is read independently of this one), and
 * the foreign key means no event can refer to the content after it.
 */
class ContentProcessor implements Processor<String, byte[], String, Routed<JoinedStep>> {
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Routed<JoinedStep>> context;
    private KeyValueStore<String, ContentRow> contents;
    private HoldStore hold;

    ContentProcessor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed<JoinedStep>> context) {
        this.context = context;
        this.contents = context.getStateStore(EngagementTopology.CONTENT_STORE);
        this.hold = new HoldStore(context, metrics.heldEvents(context.taskId().toString()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ContentChange change = CdcDecoder.trustedContent(record.value());
        if (CdcOp.DELETE.equals(change.op())) {
            return;
        }
        ContentRow content = change.after();
        contents.put(record.key(), content);
        for (HeldEvent held : hold.release(record.key())) {
            context.forward(new Record<>(record.key(), Routed.ok(Steps.join(held.step(), content,
                    context.currentSystemTimeMs())), held.recordTimestamp(), new RecordHeaders()));
        }
    }

    @Override
    public void close() {
        metrics.taskClosed(context.taskId().toString());
    }
}
