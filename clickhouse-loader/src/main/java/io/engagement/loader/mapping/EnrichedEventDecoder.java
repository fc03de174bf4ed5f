package io.engagement.loader.mapping;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.EnrichedEvent;
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
        // JSONEachRow fills a missing key with the column default: a row without these would be stored as garbage.
        // A deletion notice needs only its id (and version): what it deletes may no longer be known upstream.
        if (event.eventId() <= 0) {
            throw new UndecodableException("invalid-record", "event_id is required", null);
        }
        if (!event.deleted() && (event.contentId() == null || event.eventTs() == null || event.eventType() == null)) {
            throw new UndecodableException("invalid-record",
                    "content_id, event_ts and event_type are required unless op is d", null);
        }
        return event;
    }
}
