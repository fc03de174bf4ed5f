package io.engagement.loader.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;

/** Produces to and reads from the test's own topics on the real broker. */
public final class TestKafka {

    private TestKafka() {
    }

    public static byte[] json(EnrichedEvent event) {
        try {
            return JsonSerdes.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends values keyed by content id (as the stream-processor does) and waits for the broker's acks. */
    public static void produce(String topic, List<ProducerRecord<String, byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LoaderTestResources.BOOTSTRAP);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(r -> producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
            producer.flush();
        }
    }

    public static void produceEvents(String topic, List<EnrichedEvent> events) {
        produce(topic, events.stream().map(e -> new ProducerRecord<>(topic, key(e), json(e))).toList());
    }

    /** As the stream-processor keys them: by content, or by event id for a deletion whose content is unknown. */
    static String key(EnrichedEvent e) {
        return e.contentId() == null ? Long.toString(e.eventId()) : e.contentId().toString();
    }

    /** Everything currently in a topic, read from the beginning by a throwaway consumer. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LoaderTestResources.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(200));
                polled.forEach(records::add);
                if (polled.isEmpty() && !consumer.assignment().isEmpty()
                        && consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= endOffset(consumer, tp))) {
                    break;
                }
            }
        }
        return records;
    }

    private static long endOffset(KafkaConsumer<?, ?> consumer, TopicPartition tp) {
        return consumer.endOffsets(List.of(tp)).get(tp);
    }

    /** Sum over partitions of the group's committed offsets on a topic. */
    public static long committed(String group, String topic) throws Exception {
        try (Admin admin = LoaderTestResources.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** Sum over partitions of a topic's end offsets: the records it holds. */
    public static long endOffsets(String topic) throws Exception {
        try (Admin admin = LoaderTestResources.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().stream()
                    .collect(java.util.stream.Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }
}
