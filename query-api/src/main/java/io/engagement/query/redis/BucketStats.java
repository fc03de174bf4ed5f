package io.engagement.query.redis;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BucketStats(Instant bucketStart, BigDecimal engagementSeconds, long events, long plays, long pauses,
        long finishes, long clicks) {
}
