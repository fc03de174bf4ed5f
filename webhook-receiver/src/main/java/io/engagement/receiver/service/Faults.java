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
        Long rejectEventId) {

    /** Names the first negative field, or null when every present number is usable. */
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
        return null;
    }

    private static boolean negative(Integer value) {
        return value != null && value < 0;
    }
}
