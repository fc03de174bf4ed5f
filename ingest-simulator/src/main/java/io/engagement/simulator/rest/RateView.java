package io.engagement.simulator.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of GET/PUT /simulator/rate.
 *
 * @param writesInFlight insert batches not yet committed: after the rate is set to 0, once this is 0 no further row
 *                       is written
 */
@RegisterForReflection
public record RateView(int eventsPerSecond, long achievedEventsPerSecond, int writesInFlight) {
}
