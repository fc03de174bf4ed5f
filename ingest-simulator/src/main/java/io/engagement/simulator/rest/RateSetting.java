package io.engagement.simulator.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PUT /simulator/rate. */
@RegisterForReflection
public record RateSetting(
        @NotNull(message = "events_per_second is required") @Min(value = 0, message = "must be >= 0")
        @Max(value = 100_000, message = "must be <= 100000") Integer eventsPerSecond) {
}
