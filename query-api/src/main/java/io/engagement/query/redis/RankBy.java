package io.engagement.query.redis;

import java.util.Locale;
import java.util.Optional;

/** What the top list ranks by; the other measure is reported alongside. */
public enum RankBy {
    SECONDS, EVENTS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RankBy> fromWire(String value) {
        for (RankBy by : values()) {
            if (by.wire().equals(value)) {
                return Optional.of(by);
            }
        }
        return Optional.empty();
    }
}
