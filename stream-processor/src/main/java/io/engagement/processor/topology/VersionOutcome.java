package io.engagement.processor.topology;

/** What one event change leads to: a step for this task's totals and sinks, or a notice for another content's task. */
record VersionOutcome(EventStep step, MovedOut movedOut) {

    static VersionOutcome of(EventStep step) {
        return new VersionOutcome(step, null);
    }

    static VersionOutcome of(MovedOut movedOut) {
        return new VersionOutcome(null, movedOut);
    }
}
