package io.engagement.forwarder.service;

import io.engagement.contracts.EnrichedEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** A decoded event together with the Kafka record it came from (its bytes go to the DLQ if it is rejected). */
public record PendingEvent(KafkaRecord<String, byte[]> record, EnrichedEvent event) {

    /** The record's offset in its partition: batches are cut on offset boundaries ({@link OffsetWindows}). */
    long offset() {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
    }
}
