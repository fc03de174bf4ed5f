package io.engagement.forwarder.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/** Publishes enriched events with fresh ids, as the stream-processor would, for the forwarder under test. */
public final class EnrichedEvents implements AutoCloseable {
    private final KafkaProducer<String, String> producer;

    public EnrichedEvents() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FreshConsumerGroup.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Ids far above any BIGSERIAL the shared database will reach, random so runs never collide. */
    public static long freshId() {
        return ThreadLocalRandom.current().nextLong(1L << 50, Long.MAX_VALUE);
    }

    public static EnrichedEvent event(long id, String op) {
        return event(id, op, UUID.randomUUID());
    }

    /** Events of one content id share a partition key, so they are consumed in the order they were sent. */
    public static EnrichedEvent event(long id, String op, UUID contentId) {
        return event(id, op, contentId, id);
    }

    /** One version of an event; {@code version} orders the versions of one id as the source position would. */
    public static EnrichedEvent event(long id, String op, UUID contentId, long version) {
        long now = System.currentTimeMillis();
        return new EnrichedEvent(id, contentId, UUID.randomUUID(), "play",
                Instant.ofEpochMilli(now - 50), 12_345, new BigDecimal("12.345"), new BigDecimal("4.11"), "ios",
                "{\"app\":\"1.2\"}", "slug-" + id, "Title " + id, "podcast", 300, op, now - 20, now, version);
    }

    /** Publishes {@code count} fresh live events and returns their ids. */
    public List<Long> publish(int count) {
        return publish(count, CdcOp.CREATE);
    }

    public List<Long> publish(int count, String op) {
        return publish(count, op, null);
    }

    /** Publishes fresh events, all under {@code contentId} when it is not null. */
    public List<Long> publish(int count, String op, UUID contentId) {
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EnrichedEvent event = contentId == null ? event(freshId(), op) : event(freshId(), op, contentId);
            send(event);
            ids.add(event.eventId());
        }
        producer.flush();
        return ids;
    }

    public void send(EnrichedEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.ENRICHED, event.contentId().toString(),
                    JsonSerdes.mapper().writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as bytes on the wire, whatever it is: for records no stream-processor would write. */
    public void sendRaw(String key, String value) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED, key, value));
        producer.flush();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
