package io.engagement.loader.sink;

/** ClickHouse refused the data itself (a value it cannot parse or store): resending the same rows fails again. */
public class RowsRejectedException extends RuntimeException {
    private final Throwable rejection;

    public RowsRejectedException(String message, Throwable rejection) {
        super(message, rejection);
        this.rejection = rejection;
    }

    /** The server's exception, whose class goes into the DLQ headers. */
    public Throwable rejection() {
        return rejection;
    }
}
