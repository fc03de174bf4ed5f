package io.engagement.forwarder.service;

/** How the receiver finally answered a batch; other failures never surface here, they are retried. */
public sealed interface DeliveryOutcome {

    record Delivered(int status) implements DeliveryOutcome {
    }

    /** A status that says the batch itself is wrong (forwarder.webhook.reject-statuses). */
    record Rejected(int status, String bodyExcerpt) implements DeliveryOutcome {
    }

    /** An event-error status (e.g. 500) answered retry.isolate-after-attempts times in a row. */
    record Failing(int status, String bodyExcerpt, int attempts) implements DeliveryOutcome {

        String describe() {
            return "HTTP " + status + " " + attempts + " times in a row: " + bodyExcerpt;
        }
    }
}
