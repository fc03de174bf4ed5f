package io.engagement.processor.topology;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partition the connector puts a content id's records in: Debezium's {@code PartitionRouting} with
 * {@code partition.hash.function=java} over {@code change.id} (content) and {@code change.content_id} (events), i.e.
 * the id's {@link String#hashCode()} without its sign bit, modulo the partition count. Records this processor sends to
 * a content's task itself (the moved-out notices) must take the same way, or they reach a task that does not hold it.
 */
public final class SourcePartitioner<V> implements StreamPartitioner<String, V> {

    /** The partition of {@code contentId} among {@code partitions}. */
    public static int partitionOf(String contentId, int partitions) {
        int hash = contentId.hashCode() & Integer.MAX_VALUE;
        // As PartitionRouting computes it: Integer.MAX_VALUE goes to 0.
        return (hash == Integer.MAX_VALUE ? 0 : hash) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String contentId, V value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(contentId, numPartitions)));
    }
}
