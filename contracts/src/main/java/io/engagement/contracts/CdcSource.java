package io.engagement.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The fields of Debezium's {@code source} block we read.
 *
 * @param tsMs     commit time of the transaction in PostgreSQL (the start of every end-to-end latency)
 * @param snapshot {@code "false"} for streamed changes, otherwise the snapshot kind ({@code "true"}, {@code "incremental"}, ...)
 * @param lsn      WAL position of a streamed change; absent on snapshot reads
 * @param sequence PostgreSQL connector's {@code ["last commit LSN","LSN"]} of the streaming position; on an
 *                 incremental snapshot read, the position the read was emitted at
 */
@RegisterForReflection
public record CdcSource(Long tsMs, String snapshot, String table, Long lsn, Long txId, String sequence) {
}
