package io.engagement.query.redis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One content item's totals over a window, and per bucket (only buckets that saw events). */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentStats(UUID contentId, String slug, String title, String contentType, Integer lengthSeconds,
        String window, Instant windowStart, Instant windowEnd, BigDecimal engagementSeconds, long events,
        List<BucketStats> buckets) {
}
