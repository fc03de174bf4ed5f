package io.engagement.processor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.engagement.contracts.SourcePartitions;
import io.engagement.processor.support.Envelopes;
import io.engagement.processor.support.KafkaSupport;
import io.engagement.processor.support.ProcessorProcess;

/**
 * Throughput and added latency of the built processor with exactly_once_v2, on bench-only topics and its own
 * application id (nothing shared is touched, everything is deleted afterwards).
 * <ol>
 * <li>throughput: N events already waiting in the input topic, measured from the first to the last enriched event
 * visible to a read_committed consumer;</li>
 * <li>latency: events produced at a steady rate; per event, read_committed visibility time minus the input record
 * timestamp (the producer's send time, which the processor carries to its output).</li>
 * </ol>
 * Options: -Dbench.events=200000 -Dbench.rate=5000 -Dbench.seconds=15 -Dbench.contents=500
 */
public final class ProcessorBenchmark {
    private static final String[] TYPES = { "play", "pause", "finish", "click" };
    private static final int PARTITIONS = 6;

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        int rate = Integer.getInteger("bench.rate", 5_000);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int contents = Integer.getInteger("bench.contents", 500);
        String run = "sp-bench-" + System.currentTimeMillis();
        String content = run + ".content", input = run + ".events", enriched = run + ".enriched",
                totals = run + ".totals", dlq = run + ".dlq";
        List<String> topics = List.of(content, input, enriched, totals, dlq);
        KafkaSupport.createTopics(topics, PARTITIONS);
        Path stateDir = Files.createTempDirectory(run);
        UUID[] ids = new UUID[contents];
        Arrays.setAll(ids, i -> UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = KafkaSupport.producer();
                KafkaConsumer<byte[], byte[]> out = KafkaSupport.readCommitted(enriched)) {
            long id = 1;
            for (UUID contentId : ids) {
                producer.send(new ProducerRecord<>(content, partitionOf(contentId), Envelopes.contentKey(contentId),
                        Envelopes.content("c",
                        Envelopes.contentRow(contentId, "slug-" + contentId, "Bench " + contentId, "podcast", 1800),
                        System.currentTimeMillis())));
            }
            for (int i = 0; i < events; i++, id++) {
                producer.send(event(input, id, ids[(int) (id % contents)]));
            }
            producer.flush();
            System.out.printf("produced %d content rows and %d events to %s%n", contents, events, input);

            try (ProcessorProcess processor = new ProcessorProcess(run, stateDir, Map.of(
                    "quarkus.kafka-streams.application-id", run,
                    "pipeline.topics.content", content, "pipeline.topics.events", input,
                    "pipeline.topics.enriched", enriched, "pipeline.topics.totals", totals,
                    "pipeline.topics.dlq", dlq)).start()) {
                long first = 0, last = 0, seen = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (seen < events && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : out.poll(Duration.ofMillis(100))) {
                        seen++;
                        last = System.nanoTime();
                        if (first == 0) {
                            first = last;
                        }
                    }
                }
                double elapsed = (last - first) / 1e9;
                System.out.printf("THROUGHPUT: %d events enriched in %.2f s = %.0f events/s (EOS v2, 1 stream thread,"
                        + " backlog drained, first to last read_committed output)%n", seen, elapsed, seen / elapsed);

                long[] latencies = new long[rate * seconds];
                int measured = 0;
                long start = System.nanoTime();
                long sent = 0;
                while (measured < latencies.length && System.nanoTime() < start + Duration.ofSeconds(seconds + 30)
                        .toNanos()) {
                    long due = Math.min(latencies.length,
                            (System.nanoTime() - start) * rate / 1_000_000_000L);
                    for (; sent < due; sent++, id++) {
                        producer.send(event(input, id, ids[(int) (id % contents)]));
                    }
                    for (ConsumerRecord<byte[], byte[]> record : out.poll(Duration.ofMillis(5))) {
                        if (measured < latencies.length) {
                            latencies[measured++] = System.currentTimeMillis() - record.timestamp();
                        }
                    }
                }
                Arrays.sort(latencies, 0, measured);
                System.out.printf("LATENCY at %d events/s for %d s: n=%d p50=%d ms p99=%d ms max=%d ms "
                        + "(input record timestamp -> visible to a read_committed consumer; the built jar's commit.interval.ms)%n",
                        rate, seconds, measured, pct(latencies, measured, 0.50), pct(latencies, measured, 0.99),
                        measured == 0 ? 0 : latencies[measured - 1]);
                System.out.printf("processor: records in %.0f, DLQ %.0f (reasons: see /q/metrics)%n",
                        processor.metric("pipeline_records_in_total"), processor.metric("pipeline_dlq_records_total"));
            }
        } finally {
            KafkaSupport.deleteTopics(topics, run);
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> event(String topic, long id, UUID contentId) {
        Instant now = Instant.now();
        return new ProducerRecord<>(topic, partitionOf(contentId), Envelopes.eventKey(id), Envelopes.event("c",
                Envelopes.eventRow(id, contentId, TYPES[(int) (id % TYPES.length)], now, (int) (id % 600_000)),
                now.toEpochMilli()));
    }

    /** The partition the connector's PartitionRouting gives a content row and its events. */
    private static Integer partitionOf(UUID contentId) {
        return SourcePartitions.of(contentId.toString(), PARTITIONS);
    }

    private static long pct(long[] sorted, int n, double p) {
        return n == 0 ? -1 : sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)];
    }
}
