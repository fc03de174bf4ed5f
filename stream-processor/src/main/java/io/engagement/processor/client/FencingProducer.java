package io.engagement.processor.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * A transactional producer that registers its transactional id as soon as it exists, which aborts a transaction the
 * previous holder of that id left open. Kafka Streams keeps an instance's transactional id across restarts (it
 * derives it from the process id in the state dir) but only registers it when the thread's first active task starts.
 * An instance killed with a transaction open and restarted while the survivors hold its tasks would otherwise leave
 * that transaction open for the whole {@code transaction.timeout.ms}, and every read_committed reader of the
 * partitions it wrote to (enriched, totals, DLQ: every partition) stalls behind it until then.
 * <p>
 * The registration runs in the background so a broker that is not up yet does not hold up startup; the first
 * {@link #initTransactions()} of Kafka Streams waits for it, and retries it if it failed (the client allows that
 * after a timeout).
 */
final class FencingProducer extends KafkaProducer<byte[], byte[]> {
    private static final Logger LOG = Logger.getLogger(FencingProducer.class);

    private final CompletableFuture<Void> registered;

    FencingProducer(Map<String, Object> config) {
        super(config, new ByteArraySerializer(), new ByteArraySerializer());
        Object transactionalId = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        registered = CompletableFuture.runAsync(super::initTransactions).whenComplete((done, failure) -> {
            if (failure == null) {
                LOG.infof("transactional id %s registered: a transaction its previous holder left open is aborted",
                        transactionalId);
            } else {
                LOG.warnf("registering transactional id %s at start failed (%s); Kafka Streams retries it when its "
                        + "first task starts", transactionalId, failure.getMessage());
            }
        });
    }

    @Override
    public void initTransactions() {
        try {
            registered.join();
        } catch (CompletionException e) {
            super.initTransactions();
        }
    }
}
