package io.engagement.contracts;

/**
 * The partition the connector puts a content id's records in (stack/connectors/engagement-postgres.json): Debezium's
 * {@code PartitionRouting} with {@code partition.hash.function=java} over {@code change.id} (content) and
 * {@code change.content_id} (events), i.e. the id's {@link String#hashCode()} without its sign bit, modulo the
 * partition count. Anything that writes to a content's partition itself must take the same way, or it reaches a
 * stream task that does not hold that content.
 */
public final class SourcePartitions {
    private SourcePartitions() {
    }

    /** The partition of {@code contentId} among {@code partitions}. */
    public static int of(String contentId, int partitions) {
        int hash = contentId.hashCode() & Integer.MAX_VALUE;
        // As PartitionRouting computes it: Integer.MAX_VALUE goes to 0.
        return (hash == Integer.MAX_VALUE ? 0 : hash) % partitions;
    }
}
