package io.engagement.query.redis;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The ranked list for one window; {@code windowEnd} is exclusive and lies at the end of the current bucket. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopContent(String by, String window, Instant windowStart, Instant windowEnd, List<TopContentRow> rows) {
}
