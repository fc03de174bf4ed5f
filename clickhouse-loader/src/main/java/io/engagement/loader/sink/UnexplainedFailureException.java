package io.engagement.loader.sink;

/**
 * ClickHouse refused the insert with HTTP 500 but no readable error code (18.16 names it only in a body format the
 * client cannot read): it may be a bad value or the server itself (memory, too many parts, disk), so the rows are
 * suspects, not proven bad.
 */
public class UnexplainedFailureException extends RuntimeException {
    public UnexplainedFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
