package io.engagement.forwarder.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses a {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** Milliseconds to wait, 0 when the header is absent or unreadable. */
    public static long millis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.trim();
        try {
            return Math.max(0, Long.parseLong(value) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(clock.instant(), at).toMillis());
            } catch (DateTimeParseException notDate) {
                return 0;
            }
        }
    }
}
