package io.engagement.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Debezium envelope of {@link Topics#CONTENT_CDC} (converter with {@code schemas.enable=false}). */
@RegisterForReflection
public record ContentChange(ContentRow before, ContentRow after, String op, CdcSource source, Long tsMs) {
}
