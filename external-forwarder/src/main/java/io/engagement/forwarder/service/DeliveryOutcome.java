package io.engagement.forwarder.service;

/** How the receiver finally answered a batch; retryable failures never surface here, they are retried. */
public sealed interface DeliveryOutcome {

    record Delivered(int status) implements DeliveryOutcome {
    }

    /** A 4xx that will not change on retry: the batch itself is wrong. */
    record Rejected(int status, String bodyExcerpt) implements DeliveryOutcome {
    }
}
