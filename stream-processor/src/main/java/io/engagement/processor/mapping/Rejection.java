package io.engagement.processor.mapping;

/**
 * Why a record cannot be processed. Carries the DLQ reason (a short kebab-case word dashboards group by) and a
 * human-readable detail. Thrown only for bad input, never for infrastructure failures.
 */
public class Rejection extends Exception {
    private final String reason;

    public Rejection(String reason, String detail) {
        this(reason, detail, null);
    }

    public Rejection(String reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The class of the underlying failure (e.g. a Jackson exception), or of this rejection. */
    public String exceptionClass() {
        return getCause() == null ? getClass().getName() : getCause().getClass().getName();
    }
}
