package io.engagement.processor.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The clients Kafka Streams creates by default, except that a stream thread's first transactional producer fences
 * the previous process's producer at once (see {@link FencingProducer}). Quarkus hands this bean to the KafkaStreams
 * it builds.
 */
@ApplicationScoped
public class FencingClientSupplier implements KafkaClientSupplier {
    /** Transactional ids this process already made a producer for. */
    private final Set<Object> started = ConcurrentHashMap.newKeySet();

    /**
     * Only a thread's first producer fences at once: a producer Kafka Streams makes later, to replace one that was
     * fenced, must not register while the one it replaces may still be closing, or the two would fence each other.
     */
    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Object transactionalId = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return transactionalId != null && started.add(transactionalId) ? new FencingProducer(config)
                : new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
