package io.engagement.forwarder.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/**
 * A fresh consumer group, then a backlog behind it before the forwarder starts: {@link #EVENTS} events of one
 * content id (one partition), written in transactions of three as the exactly-once stream-processor writes them,
 * so each commit marker leaves a gap in the offsets that read_committed consumers never see.
 */
public class TransactionalBacklog extends FreshConsumerGroup {
    public static final int EVENTS = 60;
    private static final int PER_TRANSACTION = 3;

    private static volatile TopicPartition partition;
    /** event id → offset, in offset order. */
    private static volatile Map<Long, Long> offsets;

    @Override
    public Map<String, String> start() {
        Map<String, String> group = super.start();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "forwarder-test-backlog-" + UUID.randomUUID());
        UUID content = UUID.randomUUID();
        Map<Long, Long> written = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            for (int tx = 0; tx < EVENTS / PER_TRANSACTION; tx++) {
                producer.beginTransaction();
                for (int i = 0; i < PER_TRANSACTION; i++) {
                    EnrichedEvent event = EnrichedEvents.event(EnrichedEvents.freshId(), CdcOp.CREATE, content);
                    var sent = producer.send(new ProducerRecord<>(Topics.ENRICHED, content.toString(),
                            JsonSerdes.mapper().writeValueAsString(event))).get();
                    partition = new TopicPartition(sent.topic(), sent.partition());
                    written.put(event.eventId(), sent.offset());
                }
                producer.commitTransaction();
            }
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("cannot write the backlog", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the backlog", e);
        }
        offsets = written;
        return group;
    }

    public static TopicPartition partition() {
        return partition;
    }

    public static Map<Long, Long> offsets() {
        return offsets;
    }
}
