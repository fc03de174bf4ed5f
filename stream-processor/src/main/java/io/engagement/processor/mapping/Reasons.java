package io.engagement.processor.mapping;

/** The DLQ reasons this stage writes in {@code dlq.reason} and the {@code reason} tag of the DLQ counter. */
public final class Reasons {
    public static final String UNDECODABLE = "undecodable";
    public static final String WRONG_TYPE = "wrong-type";
    public static final String MISSING_FIELD = "missing-field";
    public static final String UNKNOWN_OP = "unknown-op";
    public static final String UNKNOWN_EVENT_TYPE = "unknown-event-type";
    public static final String UNKNOWN_CONTENT_TYPE = "unknown-content-type";
    /** An event id of 0 or below: no row of the source table (BIGSERIAL), and no sink can store it. */
    public static final String INVALID_EVENT_ID = "invalid-event-id";
    public static final String NULL_CONTENT_ID = "null-content-id";
    public static final String EVENT_TS_OUT_OF_RANGE = "event-ts-out-of-range";
    public static final String NEGATIVE_DURATION = "negative-duration";
    public static final String ABSURD_DURATION = "absurd-duration";
    public static final String CONTENT_MISSING = "content-missing";
    public static final String HOLD_OVERFLOW = "hold-overflow";
    public static final String TOO_LARGE = "too-large";
    /** A processor threw on the record: a defect, not bad input (see DeadLetterOnProcessingError). */
    public static final String PROCESSING_ERROR = "processing-error";

    private Reasons() {
    }
}
