package io.engagement.query.backfill;

import java.util.Map;
import java.util.Optional;

/**
 * What the Debezium connector's committed offset says: the last LSN it processed and, while an incremental
 * snapshot runs, that snapshot's correlation id (the signal id) and the last primary key it read.
 */
record SnapshotPosition(long lsn, Optional<String> correlationId, Optional<Long> lastKey) {
    // Java serialization of the key array; a single BIGINT key ends with java.lang.Long's 8 value bytes.
    private static final String JAVA_LANG_LONG_HEX = "6a6176612e6c616e672e4c6f6e67";

    static SnapshotPosition of(Map<String, Object> offset) {
        long lsn = offset.get("lsn_proc") instanceof Number n ? n.longValue()
                : offset.get("lsn") instanceof Number m ? m.longValue() : 0L;
        Optional<String> correlation = Optional.ofNullable((String) offset.get("incremental_snapshot_correlation_id"));
        return new SnapshotPosition(lsn, correlation, longKey((String) offset.get("incremental_snapshot_primary_key")));
    }

    static Optional<Long> longKey(String serializedHex) {
        if (serializedHex == null || !serializedHex.contains(JAVA_LANG_LONG_HEX) || serializedHex.length() < 16) {
            return Optional.empty();
        }
        return Optional.of(Long.parseUnsignedLong(serializedHex.substring(serializedHex.length() - 16), 16));
    }
}
