package io.engagement.query.clickhouse;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Engagement per device; {@code device} is empty for events that named none. */
@RegisterForReflection
public record DeviceBreakdown(String device, long events, BigDecimal engagementSeconds, long users) {
}
