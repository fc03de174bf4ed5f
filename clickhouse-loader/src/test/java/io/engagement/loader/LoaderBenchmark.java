package io.engagement.loader;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.loader.support.ClickHouseHttp;
import io.engagement.loader.support.LoaderTestResources;
import io.engagement.loader.support.TestEvents;
import io.engagement.loader.support.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the suite (surefire runs *Test): run with ./bench.sh. Prints loader throughput (topic → ClickHouse
 * rows/s, topic pre-filled, so it measures the loader, not the producer) and insert→visible latency at a low rate.
 */
@QuarkusTest
@WithTestResource(LoaderTestResources.class)
class LoaderBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 300_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 50);

    @ConfigProperty(name = "mp.messaging.incoming.enriched.topic")
    String topic;
    @ConfigProperty(name = "clickhouse.url")
    String url;
    @ConfigProperty(name = "clickhouse.database")
    String database;

    @Test
    void throughputAndVisibility() {
        ClickHouseHttp clickHouse = new ClickHouseHttp(url, database);
        List<EnrichedEvent> events = new ArrayList<>(ROWS);
        while (events.size() < ROWS) {
            events.addAll(TestEvents.forNewContent(1_000));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LoaderTestResources.BOOTSTRAP);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (EnrichedEvent e : events) {
                producer.send(new ProducerRecord<>(topic, e.contentId().toString(), TestKafka.json(e)));
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        long visibleAtProduced = clickHouse.count("SELECT count() FROM engagement_events");
        // The loader consumes while we produce: end to end is from the first produce to the last row visible; the
        // drain rate (rows that were still in the topic when producing ended / time to make them visible) is the
        // loader's own, with a backlog and no producer competing for the CPU.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> clickHouse.count("SELECT count() FROM engagement_events") >= ROWS);
        long done = System.nanoTime();
        System.out.printf("BENCH loader: %d rows, produce %.2f s, produce→all visible %.2f s = %.0f rows/s end to end; "
                + "drain of the last %d rows %.2f s = %.0f rows/s%n", ROWS, (produced - produceStart) / 1e9,
                (done - produceStart) / 1e9, ROWS / ((done - produceStart) / 1e9), ROWS - visibleAtProduced,
                (done - produced) / 1e9, (ROWS - visibleAtProduced) / ((done - produced) / 1e9));

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            EnrichedEvent e = TestEvents.forNewContent(1).get(0);
            UUID content = e.contentId();
            long start = System.nanoTime();
            TestKafka.produceEvents(topic, List.of(e));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> clickHouse.count("SELECT count() FROM engagement_events WHERE content_id = '" + content + "'") == 1);
            latencies.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(latencies);
        System.out.printf("BENCH produce→visible (1 event at a time, %d samples): p50 %d ms, p99 %d ms, max %d ms%n",
                SAMPLES, latencies.get(SAMPLES / 2), latencies.get((int) Math.ceil(SAMPLES * 0.99) - 1), latencies.get(SAMPLES - 1));
    }
}
