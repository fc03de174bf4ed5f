package io.engagement.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The fields of Debezium's {@code source} block we read.
 *
 * @param tsMs     commit time of the transaction in PostgreSQL (the start of every end-to-end latency)
 * @param snapshot {@code "false"} for streamed changes, otherwise the snapshot kind ({@code "true"}, {@code "incremental"}, ...)
 */
@RegisterForReflection
public record CdcSource(Long tsMs, String snapshot, String table, Long lsn, Long txId) {
}
