package io.engagement.contracts;

import java.util.Locale;

/** The content types the source table accepts (its CHECK constraint). */
public enum ContentType {
    PODCAST, NEWSLETTER, VIDEO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
