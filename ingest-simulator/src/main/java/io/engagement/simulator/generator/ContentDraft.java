package io.engagement.simulator.generator;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A content row to insert; {@code lengthSeconds} is null for newsletters. */
public record ContentDraft(UUID id, String slug, String title, String contentType, Integer lengthSeconds,
        OffsetDateTime publishTs) {
}
