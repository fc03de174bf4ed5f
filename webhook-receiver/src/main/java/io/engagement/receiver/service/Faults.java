package io.engagement.receiver.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Failures the receiver is told to simulate. Every field is optional; absent means "no such fault".
 *
 * @param fail500Seconds    answer 500 to every batch for this many seconds from now
 * @param throttleRequests  answer the next N batches with 429 and {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds the Retry-After value sent with 429 (default 1)
 * @param slowMs            delay each response by this many milliseconds
 * @param slowRequests      how many responses to delay (absent: all, until the faults are cleared)
 * @param resetRequests     close the connection without answering for the next N batches
 * @param rejectEventId     answer 400 to any batch containing this event id
 * @param failEventId       answer 500 to any batch containing this event id, until cleared (an event the receiver
 *                          cannot process, as opposed to an outage)
 * @param refuseStatus      answer every batch with this 4xx/5xx status for refuseSeconds (e.g. 401 after a secret
 *                          rotation, 404 for a moved endpoint)
 * @param refuseSeconds     how long refuseStatus lasts
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Faults(
        @JsonProperty("fail_500_seconds") Integer fail500Seconds,
        Integer throttleRequests,
        Integer retryAfterSeconds,
        Integer slowMs,
        Integer slowRequests,
        Integer resetRequests,
        Long rejectEventId,
        Long failEventId,
        Integer refuseStatus,
        Integer refuseSeconds) {

    /** Names the first unusable field (negative, or a refuse_status that is no error), or null when all are usable. */
    public String invalidField() {
        if (negative(fail500Seconds)) {
            return "fail_500_seconds";
        }
        if (negative(throttleRequests)) {
            return "throttle_requests";
        }
        if (negative(retryAfterSeconds)) {
            return "retry_after_seconds";
        }
        if (negative(slowMs)) {
            return "slow_ms";
        }
        if (negative(slowRequests)) {
            return "slow_requests";
        }
        if (negative(resetRequests)) {
            return "reset_requests";
        }
        if (refuseStatus != null && (refuseStatus < 400 || refuseStatus > 599)) {
            return "refuse_status";
        }
        if (negative(refuseSeconds)) {
            return "refuse_seconds";
        }
        return null;
    }

    private static boolean negative(Integer value) {
        return value != null && value < 0;
    }
}
