package io.engagement.forwarder.service;

/** A delivery attempt that may succeed later: 5xx, 408/409/429, timeouts and connection failures. */
public class RetryableDeliveryException extends RuntimeException {
    private final int status;
    private final long retryAfterMs;

    /**
     * @param status       HTTP status, 0 when no response arrived
     * @param retryAfterMs what the receiver's Retry-After asked for, 0 when absent
     */
    public RetryableDeliveryException(int status, long retryAfterMs, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }

    public int status() {
        return status;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}
