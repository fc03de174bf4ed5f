package io.engagement.simulator.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem body for refused requests. */
@RegisterForReflection
public record Problem(String title, int status, String detail) {
}
