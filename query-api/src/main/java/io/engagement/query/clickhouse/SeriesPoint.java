package io.engagement.query.clickhouse;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One bucket of a content's time series. */
@RegisterForReflection
public record SeriesPoint(Instant bucketStart, long events, BigDecimal engagementSeconds, long users) {
}
