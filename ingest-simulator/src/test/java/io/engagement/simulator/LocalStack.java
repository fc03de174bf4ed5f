package io.engagement.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Connections to the real servers ./pipeline started, read from the same variables the services read. */
final class LocalStack {
    private LocalStack() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + env("PG_PORT", "55432") + "/" + database;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), env("PG_USER", "pipeline"), env("PG_PASSWORD", "pipeline"));
    }

    static Connection connect() throws SQLException {
        return connect(env("PG_DATABASE", "engagement"));
    }

    /** A consumer positioned at the end of every partition of the topic, so it sees only what comes next. */
    static KafkaConsumer<String, String> consumerAtEnd(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "simulator-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Polls until a record matches or the deadline passes; the deadline failing is the test failing. */
    static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match, Duration deadline) {
        return awaitRecords(consumer, match, 1, deadline).get(0);
    }

    /** Collects matching records until there are {@code count} of them; other records are skipped. */
    static List<ConsumerRecord<String, String>> awaitRecords(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match, int count, Duration deadline) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() != null && match.test(record)) {
                    found.add(record);
                }
            }
            if (found.size() >= count) {
                return found;
            }
        }
        throw new AssertionError("found " + found.size() + " of " + count + " matching records on "
                + consumer.assignment() + " within " + deadline);
    }

}
