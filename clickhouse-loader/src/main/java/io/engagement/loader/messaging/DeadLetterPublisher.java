package io.engagement.loader.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.engagement.contracts.DlqHeaders;
import io.engagement.loader.metrics.LoaderMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends a record the loader cannot store to {@code engagements.dlq}: original key and bytes, the reason in headers. */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final int DETAIL_MAX = 500;

    private final MutinyEmitter<byte[]> dlq;
    private final LoaderMetrics metrics;

    DeadLetterPublisher(@Channel("dlq") MutinyEmitter<byte[]> dlq, LoaderMetrics metrics) {
        this.dlq = dlq;
        this.metrics = metrics;
    }

    /** Returns once the broker acknowledged the DLQ record, so the source offset may be committed after it. */
    public void publish(ConsumerRecord<String, byte[]> source, String reason, String detail, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        DlqHeaders.put(headers, DlqHeaders.REASON, reason);
        DlqHeaders.put(headers, DlqHeaders.DETAIL, truncate(detail));
        DlqHeaders.put(headers, DlqHeaders.STAGE, LoaderMetrics.STAGE);
        DlqHeaders.put(headers, DlqHeaders.SOURCE_TOPIC, source.topic());
        DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, source.partition());
        DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, source.offset());
        DlqHeaders.put(headers, DlqHeaders.EXCEPTION_CLASS, cause == null ? null : cause.getClass().getName());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(source.key())
                .withHeaders(headers)
                .build();
        byte[] value = source.value() == null ? new byte[0] : source.value();
        dlq.sendMessage(Message.of(value).addMetadata(metadata)).await().atMost(Duration.ofSeconds(30));
        metrics.deadLettered(reason);
    }

    private static String truncate(String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX);
    }
}
