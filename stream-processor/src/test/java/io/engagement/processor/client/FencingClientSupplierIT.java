package io.engagement.processor.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.engagement.processor.support.KafkaSupport;

/** Against the real local Kafka: what a restarted stream thread does to the transaction its killed predecessor left. */
class FencingClientSupplierIT {
    private static final Duration PREDECESSOR_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aRestartedThreadsProducerAbortsThePredecessorsOpenTransactionBeforeAnyTaskStarts() throws Exception {
        String topic = "fencing-" + UUID.randomUUID();
        String transactionalId = "fencing-" + UUID.randomUUID();
        KafkaSupport.createTopics(List.of(topic), 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        // The predecessor writes inside a transaction and is killed before it commits: nothing ends the transaction.
        KafkaProducer<byte[], byte[]> predecessor = new KafkaProducer<>(config(transactionalId,
                PREDECESSOR_TRANSACTION_TIMEOUT), new ByteArraySerializer(), new ByteArraySerializer());
        predecessor.initTransactions();
        predecessor.beginTransaction();
        predecessor.send(new ProducerRecord<>(topic, "uncommitted".getBytes(StandardCharsets.UTF_8))).get();
        try (KafkaConsumer<byte[], byte[]> reader = KafkaSupport.readCommitted(topic)) {
            assertEquals(0L, lastStableOffset(reader, partition), "the open transaction holds read_committed readers");

            // Kafka Streams creates the thread's producer at start; it registers the same id only when a task starts.
            try (Producer<byte[], byte[]> successor = new FencingClientSupplier().getProducer(
                    config(transactionalId, Duration.ofSeconds(10)))) {
                await("the predecessor's transaction aborted, well before its " + PREDECESSOR_TRANSACTION_TIMEOUT
                        + " timeout").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> lastStableOffset(reader, partition) > 0);

                // What Kafka Streams then does with it when its first task starts still works.
                successor.initTransactions();
                successor.beginTransaction();
                successor.send(new ProducerRecord<>(topic, "committed".getBytes(StandardCharsets.UTF_8))).get();
                successor.commitTransaction();
                long afterAbort = lastStableOffset(reader, partition);
                List<String> visible = valuesUpTo(reader, partition, afterAbort);
                assertEquals(List.of("committed"), visible, "only the successor's committed record is visible");
            }
        } finally {
            predecessor.close(Duration.ZERO);
            KafkaSupport.deleteTopics(List.of(topic), transactionalId);
        }
    }

    @Test
    void onlyTheThreadsFirstProducerRegistersAtOnceSoAReplacementCannotFenceTheOneItReplaces() {
        FencingClientSupplier supplier = new FencingClientSupplier();
        Map<String, Object> config = config("fencing-" + UUID.randomUUID(), Duration.ofSeconds(10));
        try (Producer<byte[], byte[]> first = supplier.getProducer(config);
                Producer<byte[], byte[]> replacement = supplier.getProducer(config)) {
            assertInstanceOf(FencingProducer.class, first, "the first producer of the id fences its predecessor");
            assertFalse(replacement instanceof FencingProducer,
                    "a replacement registers only when Kafka Streams initializes it, after closing the one it replaces");
        }
    }

    private static Map<String, Object> config(String transactionalId, Duration transactionTimeout) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaSupport.BOOTSTRAP,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
    }

    private static List<String> valuesUpTo(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long end) {
        List<String> values = new ArrayList<>();
        await("read up to offset " + end).atMost(Duration.ofSeconds(20)).until(() -> {
            reader.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            return reader.position(partition) >= end;
        });
        return values;
    }

    private static long lastStableOffset(KafkaConsumer<byte[], byte[]> readCommitted, TopicPartition partition) {
        return readCommitted.endOffsets(List.of(partition)).get(partition);
    }
}
