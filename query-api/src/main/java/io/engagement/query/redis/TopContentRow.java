package io.engagement.query.redis;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopContentRow(int rank, UUID contentId, String slug, String title, String contentType,
        Integer lengthSeconds, BigDecimal engagementSeconds, long events) {
}
