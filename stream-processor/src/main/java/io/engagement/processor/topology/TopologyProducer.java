package io.engagement.processor.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import io.engagement.contracts.LiveWindowConfig;
import io.engagement.processor.config.PipelineConfig;
import io.engagement.processor.metrics.PipelineMetrics;

/** Hands the topology to the Quarkus Kafka Streams extension, which runs it with the quarkus.kafka-streams config. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(PipelineConfig config, LiveWindowConfig window, PipelineMetrics metrics) {
        return new EngagementTopology(TopologySettings.from(config, window), metrics).build();
    }
}
