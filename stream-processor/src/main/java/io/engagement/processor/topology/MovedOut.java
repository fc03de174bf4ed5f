package io.engagement.processor.topology;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Tells the task of the content an event left that an update at source position {@code version} moved it away. The
 * update itself reaches only the task of the content it moved to (the connector routes a change by its new row), so
 * the old content's task, which counted the event, learns of it from this notice, keyed by the old content id.
 */
@RegisterForReflection
public record MovedOut(long eventId, long version, long sourceTsMs) {
}
