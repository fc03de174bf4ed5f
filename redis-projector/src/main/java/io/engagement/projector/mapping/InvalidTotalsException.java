package io.engagement.projector.mapping;

/** A totals record this stage cannot project; its reason becomes the DLQ reason header and metric tag. */
public class InvalidTotalsException extends RuntimeException {
    private final String reason;

    public InvalidTotalsException(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
