package io.engagement.processor.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Kafka Streams is RUNNING: restoring state or rebalancing means no output for now. */
@Readiness
@ApplicationScoped
public class StreamsRunningCheck implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("kafka-streams-running").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
