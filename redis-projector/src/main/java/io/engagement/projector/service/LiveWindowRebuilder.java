package io.engagement.projector.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.engagement.contracts.LiveWindowConfig;
import io.engagement.projector.mapping.InvalidTotalsException;
import io.engagement.projector.mapping.TotalsDecoder;
import io.engagement.projector.metrics.ProjectorMetrics;

/**
 * Redis is a cache and may lose everything: when it does, the live window comes back from Kafka. The input topic
 * holds absolute totals, so re-reading the retained window (window + grace back from now, by record timestamp) up to
 * the current end and writing it again restores exactly what was lost, while the live consumer goes on — the
 * writer's offset fence keeps a re-read older total from replacing a newer one either wrote.
 */
@ApplicationScoped
public class LiveWindowRebuilder {
    private static final Logger LOG = Logger.getLogger(LiveWindowRebuilder.class);

    private final BucketTotalsWriter writer;
    private final TotalsDecoder decoder;
    private final LiveWindowConfig window;
    private final ProjectorMetrics metrics;
    private final String bootstrapServers;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requestedAgain = new AtomicBoolean();

    public LiveWindowRebuilder(BucketTotalsWriter writer, TotalsDecoder decoder, LiveWindowConfig window,
            ProjectorMetrics metrics, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming.totals.topic") String topic) {
        this.writer = writer;
        this.decoder = decoder;
        this.window = window;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** One rebuild at a time; a loss reported while one runs starts another after it (it may have lost that too). */
    void onDataLost(@ObservesAsync RedisDataLost lost) {
        if (!running.compareAndSet(false, true)) {
            requestedAgain.set(true);
            return;
        }
        try {
            do {
                requestedAgain.set(false);
                rebuild();
            } while (requestedAgain.get());
        } catch (RuntimeException e) {
            LOG.error("rebuilding the live window failed; it refills as new totals arrive", e);
        } finally {
            running.set(false);
        }
    }

    private void rebuild() {
        long from = System.currentTimeMillis() - window.retentionMs();
        long start = System.nanoTime();
        long replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            // read_committed: the end is the last stable offset, which only moves forward.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), p -> from)));
            partitions.forEach(p -> consumer.seek(p, first.get(p) == null ? end.get(p) : first.get(p).offset()));
            LOG.infof("Redis lost its data (no epoch key): re-projecting %s from %d ms ago", topic, window.retentionMs());
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<PositionedTotals> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        batch.add(new PositionedTotals(decoder.decode(record.value()), record.offset()));
                    } catch (InvalidTotalsException e) {
                        // The live consumer dead-letters it; the rebuild only restores what Redis held.
                    }
                }
                writer.write(batch).await().indefinitely();
                replayed += batch.size();
            }
        }
        metrics.rebuilt();
        LOG.infof("live window rebuilt: %d totals re-projected in %d ms", replayed, (System.nanoTime() - start) / 1_000_000);
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "redis-projector-rebuild");
        return config;
    }
}
