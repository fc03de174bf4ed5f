package io.engagement.query.clickhouse;

import java.math.BigDecimal;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One content item of {@code /analytics/top}; {@code avgCompletionPct} is null when no event had a percentage. */
@RegisterForReflection
public record ContentRanking(UUID contentId, String slug, String title, String contentType, long events,
        BigDecimal engagementSeconds, BigDecimal avgCompletionPct, long finishes) {
}
