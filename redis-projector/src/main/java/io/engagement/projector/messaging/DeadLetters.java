package io.engagement.projector.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.engagement.contracts.DlqHeaders;
import io.engagement.projector.mapping.InvalidTotalsException;
import io.engagement.projector.metrics.ProjectorMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends records this stage refuses to {@code engagements.dlq}, original bytes untouched, reason in headers. */
@ApplicationScoped
public class DeadLetters {
    private final MutinyEmitter<byte[]> dlq;
    private final ProjectorMetrics metrics;

    public DeadLetters(@Channel("dlq") MutinyEmitter<byte[]> dlq, ProjectorMetrics metrics) {
        this.dlq = dlq;
        this.metrics = metrics;
    }

    /** Completes when the broker acknowledged the dead letter, so the source offset may be committed. */
    public Uni<Void> send(KafkaRecord<String, byte[]> record, InvalidTotalsException error) {
        metrics.dlq(error.reason());
        RecordHeaders headers = new RecordHeaders();
        DlqHeaders.put(headers, DlqHeaders.REASON, error.reason());
        DlqHeaders.put(headers, DlqHeaders.DETAIL, error.getMessage());
        DlqHeaders.put(headers, DlqHeaders.STAGE, ProjectorMetrics.STAGE);
        record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(source -> {
            DlqHeaders.put(headers, DlqHeaders.SOURCE_TOPIC, source.getTopic());
            DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, source.getPartition());
            DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, source.getOffset());
        });
        if (error.getCause() != null) {
            DlqHeaders.put(headers, DlqHeaders.EXCEPTION_CLASS, error.getCause().getClass().getName());
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        return dlq.sendMessage(Message.of(record.getPayload()).addMetadata(metadata));
    }
}
