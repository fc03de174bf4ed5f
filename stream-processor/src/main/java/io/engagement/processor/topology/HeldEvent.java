package io.engagement.processor.topology;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A step waiting for its content row (or behind earlier steps of the same content that wait): the step (its
 * envelope is what a timeout DLQs), where it came from, its record timestamp, and when it started waiting (wall clock).
 */
@RegisterForReflection
public record HeldEvent(EventStep step, SourcePosition source, long recordTimestamp, long heldAtMs) {
}
