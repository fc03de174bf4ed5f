package io.engagement.processor.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import io.engagement.processor.metrics.PipelineMetrics;

/** Turns dead letters into DLQ records: the original bytes plus the DLQ headers every stage writes. */
class DeadLetterProcessor implements Processor<String, DeadLetter, byte[], byte[]> {
    private static final Logger LOG = Logger.getLogger(DeadLetterProcessor.class);

    private final PipelineMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;

    DeadLetterProcessor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DeadLetter> record) {
        DeadLetter letter = record.value();
        metrics.deadLetter(letter.reason());
        LOG.debugf("DLQ %s: %s (%s)", letter.reason(), letter.detail(), letter.source());
        context.forward(new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()));
    }
}
