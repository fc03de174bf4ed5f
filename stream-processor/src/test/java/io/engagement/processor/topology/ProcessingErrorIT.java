package io.engagement.processor.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.DlqHeaders;
import io.engagement.processor.support.KafkaSupport;

/** Against the real local Kafka: what the configured processing exception handler does with a record a processor threw on. */
class ProcessingErrorIT {
    private static final byte[] RAW_KEY = "{\"event_id\":42}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RAW_VALUE = "{\"op\":\"c\",\"after\":{\"event_id\":42}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRecordAProcessorThrowsOnGoesToTheDlqWithItsBytesReasonAndSourceInsteadOfVanishing() throws Exception {
        String dlq = "processing-errors-" + UUID.randomUUID();
        KafkaSupport.createTopics(List.of(dlq), 1);
        try (KafkaConsumer<byte[], byte[]> reader = KafkaSupport.readCommitted(dlq)) {
            ProcessingExceptionHandler handler = configuredHandler();
            handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "processing-error-it",
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaSupport.BOOTSTRAP,
                    DeadLetterOnProcessingError.TOPIC_CONFIG, dlq));

            ProcessingHandlerResponse response = handler.handle(context(), new Record<>("42", "step", 1L),
                    new IllegalStateException("a defect nobody foresaw"));

            assertEquals(ProcessingHandlerResponse.CONTINUE, response, "processing goes on once the DLQ has the record");
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            await("the record in " + dlq).atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(letters::add);
                return !letters.isEmpty();
            });
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            assertArrayEquals(RAW_KEY, letter.key(), "the key the task read");
            assertArrayEquals(RAW_VALUE, letter.value(), "the bytes the task read");
            Headers headers = letter.headers();
            assertEquals("processing-error", DlqHeaders.text(headers, DlqHeaders.REASON));
            assertEquals("stream-processor", DlqHeaders.text(headers, DlqHeaders.STAGE));
            assertEquals(IllegalStateException.class.getName(), DlqHeaders.text(headers, DlqHeaders.EXCEPTION_CLASS));
            assertEquals("pg.public.engagement_events", DlqHeaders.text(headers, DlqHeaders.SOURCE_TOPIC));
            assertEquals("3", DlqHeaders.text(headers, DlqHeaders.SOURCE_PARTITION));
            assertEquals("1234", DlqHeaders.text(headers, DlqHeaders.SOURCE_OFFSET));
        } finally {
            KafkaSupport.deleteTopics(List.of(dlq), "processing-error-it");
        }
    }

    /** The handler application.properties configures, as Kafka Streams would instantiate it. */
    private static ProcessingExceptionHandler configuredHandler() throws IOException, ReflectiveOperationException {
        Properties properties = new Properties();
        try (InputStream in = ProcessingErrorIT.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return (ProcessingExceptionHandler) Class.forName(properties.getProperty(
                "kafka-streams.processing.exception.handler")).getDeclaredConstructor().newInstance();
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "pg.public.engagement_events";
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 1234;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "event-versions";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 1L;
            }

            @Override
            public byte[] sourceRawKey() {
                return RAW_KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return RAW_VALUE;
            }
        };
    }
}
