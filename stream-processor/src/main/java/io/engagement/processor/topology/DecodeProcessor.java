package io.engagement.processor.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.engagement.processor.mapping.Rejection;
import io.engagement.processor.metrics.PipelineMetrics;

/**
 * First step for both CDC topics: validates the raw envelope and re-keys the ORIGINAL bytes by content id, so
 * events and their content meet in the same task after the repartition. Invalid records become dead letters here,
 * while their source topic, partition and offset are still at hand.
 */
class DecodeProcessor implements Processor<byte[], byte[], String, Routed<byte[]>> {

    /** Validates an envelope and names the content it belongs to. */
    @FunctionalInterface
    interface ContentIdOf {
        String of(byte[] envelope, long nowMs) throws Rejection;
    }

    private final PipelineMetrics metrics;
    private final ContentIdOf contentIdOf;
    private ProcessorContext<String, Routed<byte[]>> context;

    DecodeProcessor(PipelineMetrics metrics, ContentIdOf contentIdOf) {
        this.metrics = metrics;
        this.contentIdOf = contentIdOf;
    }

    @Override
    public void init(ProcessorContext<String, Routed<byte[]>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        if (record.value() == null) {
            // A tombstone only tells compaction to drop the key; the delete envelope before it carried the change.
            return;
        }
        SourcePosition source = SourcePosition.of(context.recordMetadata());
        try {
            String contentId = contentIdOf.of(record.value(), context.currentSystemTimeMs());
            Headers headers = new RecordHeaders();
            source.writeTo(headers);
            context.forward(new Record<>(contentId, Routed.ok(record.value()), record.timestamp(), headers));
        } catch (Rejection rejection) {
            context.forward(new Record<>(null,
                    Routed.dead(DeadLetter.of(record.key(), record.value(), rejection, source)), record.timestamp()));
        }
    }
}
