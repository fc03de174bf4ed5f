package io.engagement.contracts;

/** Debezium's {@code op} codes. */
public final class CdcOp {
    public static final String CREATE = "c";
    public static final String UPDATE = "u";
    public static final String DELETE = "d";
    /** Snapshot read: the initial snapshot, or an incremental snapshot (backfill). */
    public static final String READ = "r";

    private CdcOp() {
    }
}
