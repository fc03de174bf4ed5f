package io.engagement.processor.topology;

import io.engagement.processor.mapping.Contribution;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The last version of an event the processor has seen: its source position, whether it was a deletion, and what it
 * contributes to the totals (null once deleted). The dedupe store keeps one of these per event id.
 */
@RegisterForReflection
public record EventVersion(long version, boolean deleted, Contribution contribution) {
}
