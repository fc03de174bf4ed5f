package io.engagement.simulator.generator;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An engagement_events row to insert; the id comes from the table's sequence. */
public record EventDraft(UUID contentId, UUID userId, String eventType, OffsetDateTime eventTs, Integer durationMs,
        String device, String rawPayload) {
}
