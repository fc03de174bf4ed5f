package io.engagement.contracts;

import java.util.Locale;
import java.util.Optional;

/** The content types the source table accepts (its CHECK constraint). */
public enum ContentType {
    PODCAST, NEWSLETTER, VIDEO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContentType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ContentType type : values()) {
            if (type.wire().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
