package io.engagement.processor.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while every configured stream thread is alive. A dead thread leaves its partitions unprocessed while the
 * process looks healthy; failing liveness lets the orchestrator restart the instance.
 */
@Liveness
@ApplicationScoped
public class StreamThreadsAliveCheck implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "kafka-streams.num.stream.threads", defaultValue = "1")
    int configuredThreads;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        long alive = streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::threadState).filter(threadState -> !"DEAD".equals(threadState)).count();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || (state.isRunningOrRebalancing() && alive < configuredThreads);
        return HealthCheckResponse.named("kafka-streams-threads").status(!failed)
                .withData("state", state.name()).withData("alive-threads", alive)
                .withData("configured-threads", configuredThreads).build();
    }
}
