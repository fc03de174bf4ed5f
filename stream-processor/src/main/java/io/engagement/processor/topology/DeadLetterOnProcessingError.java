package io.engagement.processor.topology;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import io.engagement.processor.mapping.Reasons;
import io.engagement.processor.metrics.PipelineMetrics;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record a processor throws on goes to the DLQ (reason {@code processing-error}, the bytes the task read, its
 * source position) before processing moves on; if the DLQ does not take it, the thread fails and the record is read
 * again after the restart. Kafka Streams' LogAndContinue would only log it: under exactly-once its offset is then
 * committed with the next transaction and the record is gone from every sink. Bad input never gets here (each step
 * dead-letters what it rejects); this is for what nobody foresaw. The DLQ record is written outside the task's
 * transaction, so a task that aborts and reprocesses can dead-letter the same record twice, never zero times.
 * Configured by {@code dead-letter.topic} among the Kafka Streams properties. Kafka Streams makes one handler per
 * task and never closes it, so the producer is one per process, made on the first error.
 */
@RegisterForReflection
public class DeadLetterOnProcessingError implements ProcessingExceptionHandler {
    static final String TOPIC_CONFIG = "dead-letter.topic";
    private static final Logger LOG = Logger.getLogger(DeadLetterOnProcessingError.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private static KafkaProducer<byte[], byte[]> producer;

    private String topic;
    private Map<String, Object> producerConfig;
    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(TOPIC_CONFIG);
        if (configured == null || configured.toString().isBlank()) {
            throw new IllegalArgumentException(TOPIC_CONFIG + " must name the DLQ topic");
        }
        topic = configured.toString();
        producerConfig = new StreamsConfig(configs).getProducerConfigs(
                configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-processing-errors");
        metrics = Arc.container() == null ? null : Arc.container().instance(PipelineMetrics.class).get();
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetter letter = new DeadLetter(context.sourceRawKey(), context.sourceRawValue(), Reasons.PROCESSING_ERROR,
                "processor " + context.processorNodeId() + " of task " + context.taskId() + " threw " + exception,
                exception.getClass().getName(),
                new SourcePosition(context.topic(), context.partition(), context.offset()));
        try {
            producer(producerConfig).send(new ProducerRecord<>(topic, null, letter.key(), letter.value(),
                    letter.headers()))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(exception, "processor %s threw on %s-%d@%d and the DLQ did not take the record (%s): failing",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), e);
            return ProcessingHandlerResponse.FAIL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProcessingHandlerResponse.FAIL;
        }
        if (metrics != null) {
            metrics.deadLetter(Reasons.PROCESSING_ERROR);
        }
        LOG.errorf(exception, "processor %s threw on %s-%d@%d: the record went to %s (processing-error)",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), topic);
        return ProcessingHandlerResponse.CONTINUE;
    }

    private static synchronized KafkaProducer<byte[], byte[]> producer(Map<String, Object> config) {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
