package io.engagement.loader.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.engagement.loader.service.BatchLoader;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code engagements.enriched} a poll at a time. The batch is acknowledged (and its offsets become
 * committable) only when this method returns, i.e. after ClickHouse or the DLQ acknowledged every record; while
 * ClickHouse is down the method keeps retrying and the channel stops requesting more records.
 */
@ApplicationScoped
public class EnrichedEventConsumer {
    private final BatchLoader loader;

    EnrichedEventConsumer(BatchLoader loader) {
        this.loader = loader;
    }

    @Incoming("enriched")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, byte[]> batch) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        loader.load(records);
    }
}
