package io.engagement.processor.topology;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record the broker refuses for good (too large, invalid) or that cannot be serialized is logged and skipped
 * instead of killing the stream thread: one bad record must not stop the pipeline. Retriable send errors never
 * reach this handler; the producer retries them itself. Our own outputs cannot be too large: an event or content
 * row whose enriched record would be is rejected at decode (too-large) before it counts anywhere, and dead letters
 * may be 17 MiB (stack/topics.conf), above the 16 MiB a CDC record can be.
 */
@RegisterForReflection
public class ContinueOnProductionError implements ProductionExceptionHandler {
    private static final Logger LOG = Logger.getLogger(ContinueOnProductionError.class);

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.errorf(exception, "dropping a record the broker refused for topic %s (from %s-%d@%d)", record.topic(),
                context.topic(), context.partition(), context.offset());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        LOG.errorf(exception, "dropping a record that could not be serialized for topic %s (from %s-%d@%d)",
                record.topic(), context.topic(), context.partition(), context.offset());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
