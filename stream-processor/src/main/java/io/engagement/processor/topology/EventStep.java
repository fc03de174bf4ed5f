package io.engagement.processor.topology;

import io.engagement.processor.mapping.Contribution;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the join and the totals must do for one change, decided per event id before the join with its content:
 * emit {@code envelope} (the source change; null for a bare retraction), take {@code retract} (the contribution of the
 * previous version, in this content) out of the totals, and add the new version's contribution when {@code count}.
 * A change that moves an event to another content becomes two steps: a bare retraction keyed by the old content,
 * then this one keyed by the new.
 */
@RegisterForReflection
public record EventStep(byte[] envelope, Contribution retract, boolean count, long sourceTsMs) {

    static EventStep retraction(Contribution previous, long sourceTsMs) {
        return new EventStep(null, previous, false, sourceTsMs);
    }
}
