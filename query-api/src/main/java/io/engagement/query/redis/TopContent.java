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
    /** The most rows a request may ask for. */
    public static final int MAX_ROWS = 100;

    public TopContent limitedTo(int limit) {
        return rows.size() <= limit ? this : new TopContent(by, window, windowStart, windowEnd, rows.subList(0, limit));
    }
}
