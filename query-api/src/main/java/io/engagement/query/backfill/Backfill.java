package io.engagement.query.backfill;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A backfill and how far it got.
 *
 * @param status        {@code pending} (signal not yet read by Debezium), {@code running}, {@code done}
 * @param expectedRows  event rows in range when it was requested (rows added later stream live anyway)
 * @param rowsReread    event rows Debezium has re-read so far
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Backfill(UUID id, String status, Instant requestedAt, Instant from, Instant to, List<String> tables,
        long expectedRows, long rowsReread) {
}
