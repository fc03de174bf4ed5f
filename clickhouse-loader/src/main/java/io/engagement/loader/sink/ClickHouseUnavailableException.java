package io.engagement.loader.sink;

/** ClickHouse could not take the write for reasons unrelated to the rows: retry the same rows later. */
public class ClickHouseUnavailableException extends RuntimeException {
    public ClickHouseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
