package io.engagement.processor.topology;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An event waiting for its content row: the original envelope (so a timeout DLQs the bytes that arrived), where it
 * came from, its record timestamp, and when it started waiting (wall clock).
 */
@RegisterForReflection
public record HeldEvent(byte[] envelope, SourcePosition source, long recordTimestamp, long heldAtMs) {
}
