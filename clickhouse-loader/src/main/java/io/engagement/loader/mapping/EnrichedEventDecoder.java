package io.engagement.loader.mapping;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.EnrichedEventRules;
import io.engagement.contracts.JsonSerdes;

/** Reads an {@code engagements.enriched} value; anything that is not a usable event is refused with a reason. */
public final class EnrichedEventDecoder {

    private EnrichedEventDecoder() {
    }

    /** Why a record could not be decoded; {@code reason} is the DLQ reason header. */
    public static final class UndecodableException extends Exception {
        private final String reason;

        UndecodableException(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public static EnrichedEvent decode(byte[] value) throws UndecodableException {
        if (value == null) {
            throw new UndecodableException("invalid-record", "null value (tombstone)", null);
        }
        EnrichedEvent event;
        try {
            event = JsonSerdes.mapper().readValue(value, EnrichedEvent.class);
        } catch (JsonProcessingException e) {
            throw new UndecodableException("invalid-json", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UndecodableException("invalid-json", e.getMessage(), e);
        }
        if (event == null) {
            throw new UndecodableException("invalid-record", "value is JSON null", null);
        }
        // JSONEachRow fills a missing key with the column default: a row without its fields would be stored as
        // garbage, and one the enum columns cannot hold would wait as a suspect until the server accepted others.
        String violation = EnrichedEventRules.violation(event);
        if (violation != null) {
            throw new UndecodableException("invalid-record", violation, null);
        }
        return event;
    }
}
