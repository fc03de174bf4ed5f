package io.engagement.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;

/**
 * The one JSON dialect on every topic: snake_case fields (as Debezium writes columns), ISO-8601 instants,
 * plain decimals, unknown fields ignored so producers can add fields without breaking consumers.
 */
public final class JsonSerdes {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonSerdes() {
    }

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> ObjectMapperSerde<T> serde(Class<T> type) {
        return new ObjectMapperSerde<>(type, MAPPER);
    }

    public static <T> ObjectMapperSerializer<T> serializer() {
        return new ObjectMapperSerializer<>(MAPPER);
    }

    public static <T> ObjectMapperDeserializer<T> deserializer(Class<T> type) {
        return new ObjectMapperDeserializer<>(type, MAPPER);
    }
}
