package io.engagement.simulator.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of GET/PUT /simulator/rate. */
@RegisterForReflection
public record RateView(int eventsPerSecond, long achievedEventsPerSecond) {
}
