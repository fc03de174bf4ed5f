package io.engagement.forwarder.service;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import jakarta.enterprise.context.ApplicationScoped;

import io.engagement.contracts.DlqHeaders;
import io.engagement.forwarder.metrics.ForwarderMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Writes a source record's original bytes and key to engagements.dlq with the reason in headers, and waits for the broker. */
@ApplicationScoped
public class DeadLetters {
    public static final String REJECTED = "webhook-rejected";
    public static final String EXHAUSTED = "webhook-exhausted";
    public static final String UNDECODABLE = "undecodable";
    public static final String INVALID = "invalid-record";

    private final MutinyEmitter<byte[]> dlq;
    private final ForwarderMetrics metrics;

    public DeadLetters(@Channel("dlq") MutinyEmitter<byte[]> dlq, ForwarderMetrics metrics) {
        this.dlq = dlq;
        this.metrics = metrics;
    }

    /** Returns once the DLQ write is acknowledged, so the source offset may be committed after it. */
    public void send(KafkaRecord<String, byte[]> source, String reason, String detail, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        DlqHeaders.put(headers, DlqHeaders.STAGE, ForwarderMetrics.STAGE);
        DlqHeaders.put(headers, DlqHeaders.REASON, reason);
        DlqHeaders.put(headers, DlqHeaders.DETAIL, detail);
        DlqHeaders.put(headers, DlqHeaders.SOURCE_TOPIC, source.getTopic());
        DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, source.getPartition());
        DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, source.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(null));
        DlqHeaders.put(headers, DlqHeaders.EXCEPTION_CLASS, cause == null ? null : cause.getClass().getName());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(source.getKey())
                .withHeaders(headers)
                .build();
        byte[] payload = source.getPayload() == null ? new byte[0] : source.getPayload();
        dlq.sendMessageAndAwait(Message.of(payload).addMetadata(metadata));
        metrics.deadLettered(reason);
    }
}
