package io.engagement.contracts;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A {@code content} row as Debezium writes it (UUID and TIMESTAMPTZ as ISO strings). */
@RegisterForReflection
public record ContentRow(UUID id, String slug, String title, String contentType, Integer lengthSeconds,
        Instant publishTs) {
}
