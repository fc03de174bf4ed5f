package io.engagement.processor.mapping;

import java.math.BigDecimal;
import java.util.UUID;

import io.engagement.contracts.EngagementEventRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one version of an event adds to the live totals: its content, its event time (hence its bucket), its type
 * and its duration. Kept per event id so a correction or a deletion can take exactly this back out.
 */
@RegisterForReflection
public record Contribution(UUID contentId, long eventTsMs, String eventType, Integer durationMs) {

    public static Contribution of(EngagementEventRow row) {
        return new Contribution(row.contentId(), row.eventTs().toEpochMilli(), row.eventType(), row.durationMs());
    }

    /** Clicks (and any event without a duration) count as an event with 0 seconds. */
    public BigDecimal seconds() {
        BigDecimal seconds = Enrichment.engagementSeconds(durationMs);
        return seconds == null ? BigDecimal.ZERO : seconds;
    }
}
