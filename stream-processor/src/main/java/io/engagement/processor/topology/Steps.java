package io.engagement.processor.topology;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.ContentRow;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.processor.mapping.CdcDecoder;
import io.engagement.processor.mapping.Enrichment;

/** Joining an {@link EventStep} with its content row, shared by the join and the release of held steps. */
final class Steps {

    private Steps() {
    }

    /** Only a new version of an event is enriched with its content; deletions and bare retractions are not. */
    static boolean needsContent(EventStep step) {
        return step.envelope() != null && !CdcOp.DELETE.equals(CdcDecoder.trustedEvent(step.envelope()).op());
    }

    /**
     * A previous contribution is taken back only where the content row is known: without it, that version can never
     * have been joined, so it never counted (it was held and timed out to the DLQ).
     */
    static JoinedStep join(EventStep step, ContentRow content, long nowMs) {
        if (content == null && step.retract() != null) {
            step = new EventStep(step.envelope(), null, step.count(), step.sourceTsMs());
        }
        if (step.envelope() == null) {
            return new JoinedStep(null, step.retract(), false, step.sourceTsMs());
        }
        EngagementEventChange change = CdcDecoder.trustedEvent(step.envelope());
        if (CdcOp.DELETE.equals(change.op())) {
            return new JoinedStep(Enrichment.deletion(change, step.retract(), nowMs), step.retract(), false,
                    step.sourceTsMs());
        }
        return new JoinedStep(Enrichment.enrich(change, content, nowMs), step.retract(), step.count(),
                step.sourceTsMs());
    }
}
