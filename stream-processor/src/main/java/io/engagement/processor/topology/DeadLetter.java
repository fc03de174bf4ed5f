package io.engagement.processor.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.engagement.contracts.DlqHeaders;
import io.engagement.processor.mapping.Rejection;
import io.engagement.processor.metrics.PipelineMetrics;

/** A record on its way to the DLQ: the original bytes, where they came from, and why they were rejected. */
public record DeadLetter(byte[] key, byte[] value, String reason, String detail, String exceptionClass,
        SourcePosition source) {

    public static DeadLetter of(byte[] key, byte[] value, Rejection rejection, SourcePosition source) {
        return new DeadLetter(key, value, rejection.reason(), rejection.getMessage(), rejection.exceptionClass(),
                source);
    }

    /** The {@link DlqHeaders} every stage writes on its DLQ records. */
    Headers headers() {
        Headers headers = new RecordHeaders();
        DlqHeaders.put(headers, DlqHeaders.REASON, reason);
        DlqHeaders.put(headers, DlqHeaders.DETAIL, detail);
        DlqHeaders.put(headers, DlqHeaders.STAGE, PipelineMetrics.STAGE);
        DlqHeaders.put(headers, DlqHeaders.EXCEPTION_CLASS, exceptionClass);
        source.writeTo(headers);
        return headers;
    }
}
