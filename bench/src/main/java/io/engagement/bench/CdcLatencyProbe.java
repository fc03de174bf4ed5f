package io.engagement.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/**
 * Reads the CDC topic of engagement events from its end and records, for every live insert, how long after the
 * PostgreSQL commit ({@code source.ts_ms}) the record could be consumed: Debezium's share of the latency budget.
 */
final class CdcLatencyProbe implements AutoCloseable {
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    CdcLatencyProbe(BenchEnv env) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-cdc-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_CDC).stream()
                .map(p -> new TopicPartition(Topics.EVENTS_CDC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        record(record.value());
                    }
                }
            }
        }, "cdc-latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void record(String value) {
        if (value == null) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            JsonNode envelope = JsonSerdes.mapper().readTree(value);
            if ("c".equals(envelope.path("op").asText())) {
                recorder.recordValue(Math.max(0, now - envelope.path("source").path("ts_ms").asLong(now)));
                records.incrementAndGet();
                lastRecordNanos.set(System.nanoTime());
            }
        } catch (Exception undecodable) {
            // Not ours to judge here: the stream-processor dead-letters it.
        }
    }

    /** The latencies (ms) recorded since the previous call. */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    long records() {
        return records.get();
    }

    /** Waits until no record arrived for {@code quiet}, so a step's tail is measured before the next starts. */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end && System.nanoTime() - lastRecordNanos.get() < quiet.toNanos()) {
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
