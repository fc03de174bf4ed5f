package io.engagement.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Debezium envelope of {@link Topics#EVENTS_CDC} (converter with {@code schemas.enable=false}). */
@RegisterForReflection
public record EngagementEventChange(EngagementEventRow before, EngagementEventRow after, String op,
        CdcSource source, Long tsMs) {
}
