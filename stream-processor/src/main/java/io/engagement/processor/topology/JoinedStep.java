package io.engagement.processor.topology;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.processor.mapping.Contribution;

/**
 * An {@link EventStep} after the join: the enriched version to emit (null for a bare retraction), the contribution to
 * take out of the totals first (or null), and whether to add the new version's contribution.
 */
record JoinedStep(EnrichedEvent event, Contribution retract, boolean count, long sourceTsMs) {
}
