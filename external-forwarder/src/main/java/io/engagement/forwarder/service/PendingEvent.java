package io.engagement.forwarder.service;

import io.engagement.contracts.EnrichedEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** A decoded event together with the Kafka record it came from (its bytes go to the DLQ if it is rejected). */
public record PendingEvent(KafkaRecord<String, byte[]> record, EnrichedEvent event) {
}
