package io.engagement.processor.topology;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.StreamPartitioner;

import io.engagement.contracts.SourcePartitions;

/**
 * Sends a record keyed by content id to the partition the connector puts that content in ({@link SourcePartitions}):
 * the moved-out notices must reach the task that holds the content.
 */
public final class SourcePartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String contentId, V value, int numPartitions) {
        return Optional.of(Set.of(SourcePartitions.of(contentId, numPartitions)));
    }
}
