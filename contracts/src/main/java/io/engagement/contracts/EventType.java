package io.engagement.contracts;

import java.util.Locale;
import java.util.Optional;

/** The event types the source table accepts (its CHECK constraint). */
public enum EventType {
    PLAY, PAUSE, FINISH, CLICK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (EventType type : values()) {
            if (type.wire().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
