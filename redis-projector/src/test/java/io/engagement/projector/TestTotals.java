package io.engagement.projector;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.JsonSerdes;

/** Produces totals records to the test topic and reads the projector group's committed offsets. */
final class TestTotals implements AutoCloseable {
    static final long BUCKET_MS = 10_000;

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    TestTotals() {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ProjectorTestResource.BOOTSTRAP);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerConfig);
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ProjectorTestResource.BOOTSTRAP);
        admin = Admin.create(adminConfig);
    }

    static long currentBucket() {
        return System.currentTimeMillis() / BUCKET_MS * BUCKET_MS;
    }

    static ContentBucketTotals totals(UUID contentId, long bucketStartMs, String seconds, long events) {
        return new ContentBucketTotals(contentId, bucketStartMs, 10, new BigDecimal(seconds), events, events, 0, 0, 0,
                System.currentTimeMillis() - 50, "slug-" + contentId, "Title " + contentId, "podcast", 1800);
    }

    RecordMetadata send(ContentBucketTotals totals) {
        try {
            return send(totals.key(), JsonSerdes.mapper().writeValueAsBytes(totals));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    RecordMetadata send(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(ProjectorTestResource.TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True once the projector's group committed an offset past the record: i.e. it was written and acknowledged. */
    boolean committedPast(RecordMetadata record) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(ProjectorTestResource.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata committed = offsets.get(new TopicPartition(record.topic(), record.partition()));
            return committed != null && committed.offset() > record.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
