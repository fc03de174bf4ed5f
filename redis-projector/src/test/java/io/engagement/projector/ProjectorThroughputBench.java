package io.engagement.projector;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.JsonSerdes;
import io.engagement.projector.service.BucketTotalsWriter;
import io.engagement.projector.service.PositionedTotals;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the suite (run by bench.sh): how many bucket-total updates per second reach Redis, (1) through the
 * whole consumer (Kafka poll, decode, pipelined write, ack/commit) and (2) through the writer alone.
 */
@QuarkusTest
@QuarkusTestResource(value = ProjectorTestResource.class, restrictToAnnotatedClass = true)
class ProjectorThroughputBench {
    private static final int RECORDS = Integer.getInteger("bench.records", 300_000);
    private static final int CONTENTS = Integer.getInteger("bench.contents", 2_000);
    private static final int BATCH = 2_000;

    @Inject
    MeterRegistry registry;
    @Inject
    BucketTotalsWriter writer;

    @Test
    void throughput() throws Exception {
        List<ContentBucketTotals> sample = sample(RECORDS);
        writerAlone(sample);
        throughKafka(sample);
    }

    private void writerAlone(List<ContentBucketTotals> sample) {
        long start = System.nanoTime();
        for (int i = 0; i < sample.size(); i += BATCH) {
            List<PositionedTotals> batch = new java.util.ArrayList<>();
            for (int j = i; j < Math.min(sample.size(), i + BATCH); j++) {
                batch.add(new PositionedTotals(sample.get(j), j));
            }
            writer.write(batch).await().indefinitely();
        }
        report("writer alone (batches of " + BATCH + ")", sample.size(), System.nanoTime() - start);
    }

    private void throughKafka(List<ContentBucketTotals> sample) throws Exception {
        double before = recordsIn();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ProjectorTestResource.BOOTSTRAP);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (ContentBucketTotals totals : sample) {
                producer.send(new ProducerRecord<>(ProjectorTestResource.TOPIC, totals.key(),
                        JsonSerdes.mapper().writeValueAsBytes(totals)));
            }
        }
        report("produced to Kafka", sample.size(), System.nanoTime() - start);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> recordsIn() - before >= sample.size());
        report("Kafka -> projector -> Redis (produce start to all consumed and written)", sample.size(),
                System.nanoTime() - start);
    }

    private double recordsIn() {
        return registry.counter("pipeline_records_in_total", "stage", "redis-projector").count();
    }

    private static List<ContentBucketTotals> sample(int count) {
        List<UUID> contents = new ArrayList<>(CONTENTS);
        for (int i = 0; i < CONTENTS; i++) {
            contents.add(UUID.randomUUID());
        }
        long bucket = System.currentTimeMillis() / 10_000 * 10_000;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<ContentBucketTotals> sample = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = contents.get(random.nextInt(CONTENTS));
            long b = bucket - random.nextInt(60) * 10_000L;
            sample.add(new ContentBucketTotals(id, b, 10, BigDecimal.valueOf(random.nextInt(1_000_000), 3),
                    1 + random.nextInt(100), 1, 0, 0, 0, System.currentTimeMillis(), "slug-" + id, "Title " + id,
                    "video", 1200));
        }
        return sample;
    }

    private static void report(String what, int records, long nanos) {
        System.out.printf("BENCH redis-projector %-75s %,d records in %.2f s = %,.0f updates/s%n", what, records,
                nanos / 1e9, records / (nanos / 1e9));
    }
}
