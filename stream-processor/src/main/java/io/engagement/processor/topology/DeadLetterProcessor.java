package io.engagement.processor.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import io.engagement.contracts.DlqHeaders;
import io.engagement.processor.metrics.PipelineMetrics;

/** Turns dead letters into DLQ records: the original bytes plus the {@link DlqHeaders} every stage writes. */
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
        Headers headers = new RecordHeaders();
        DlqHeaders.put(headers, DlqHeaders.REASON, letter.reason());
        DlqHeaders.put(headers, DlqHeaders.DETAIL, letter.detail());
        DlqHeaders.put(headers, DlqHeaders.STAGE, PipelineMetrics.STAGE);
        DlqHeaders.put(headers, DlqHeaders.EXCEPTION_CLASS, letter.exceptionClass());
        letter.source().writeTo(headers);
        metrics.deadLetter(letter.reason());
        LOG.debugf("DLQ %s: %s (%s)", letter.reason(), letter.detail(), letter.source());
        context.forward(new Record<>(letter.key(), letter.value(), record.timestamp(), headers));
    }
}
