package io.engagement.processor.mapping;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.CdcSource;
import io.engagement.contracts.ContentChange;
import io.engagement.contracts.ContentRow;
import io.engagement.contracts.ContentType;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.contracts.EngagementEventRow;
import io.engagement.contracts.EventType;
import io.engagement.contracts.JsonSerdes;

/**
 * Decodes and validates Debezium envelopes (JSON, schemas disabled). Every way a record can be unusable ends in a
 * {@link Rejection} with its own reason, so the DLQ says what was wrong rather than just "bad record".
 */
public final class CdcDecoder {
    private static final ObjectReader CONTENT = JsonSerdes.mapper().readerFor(ContentChange.class);
    private static final ObjectReader EVENT = JsonSerdes.mapper().readerFor(EngagementEventChange.class);

    private final ObjectReader content;
    private final ObjectReader event;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final long maxDurationMs;
    private final int maxEventBytes;
    private final int maxContentBytes;

    public CdcDecoder(Duration maxFutureSkew, Duration maxAge, Duration maxDuration, int maxEventBytes,
            int maxContentBytes, UnknownColumns.Listener unknownColumns) {
        UnknownColumns handler = new UnknownColumns(unknownColumns);
        this.content = CONTENT.withHandler(handler);
        this.event = EVENT.withHandler(handler);
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.maxDurationMs = maxDuration.toMillis();
        this.maxEventBytes = maxEventBytes;
        this.maxContentBytes = maxContentBytes;
    }

    /** A content change with the row it is about: {@code after} for c/u/r, {@code before} (key only) for d. */
    public ContentChange content(byte[] json) throws Rejection {
        ContentChange change = read(content, json);
        requireSource(change.op(), change.source() == null ? null : change.source().tsMs());
        ContentRow row = subject(change);
        if (row == null) {
            throw new Rejection(Reasons.MISSING_FIELD, (CdcOp.DELETE.equals(change.op()) ? "before" : "after")
                    + " is null for op=" + change.op());
        }
        if (row.id() == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "content id is null");
        }
        // Its type travels in every enriched event of the content, where the sinks refuse an unknown one.
        if (row.contentType() != null && ContentType.parse(row.contentType()).isEmpty()) {
            throw new Rejection(Reasons.UNKNOWN_CONTENT_TYPE, "content_type '" + row.contentType() + "'");
        }
        requireSize(json, row, maxContentBytes, "content " + row.id(), "max-content-bytes");
        return change;
    }

    /** The row a content change is about: {@code after}, or for a delete the {@code before} key. */
    public static ContentRow subject(ContentChange change) {
        return CdcOp.DELETE.equals(change.op()) ? change.before() : change.after();
    }

    /**
     * A valid event change. A delete (op d) needs only the id of its {@code before} (the table keeps the default
     * replica identity, so that is all Debezium sends): what it takes back is known downstream, per event id.
     */
    public EngagementEventChange event(byte[] json, long nowMs) throws Rejection {
        EngagementEventChange change = read(event, json);
        requireSource(change.op(), change.source() == null ? null : change.source().tsMs());
        if (CdcOp.DELETE.equals(change.op())) {
            if (change.before() == null || change.before().id() == null) {
                throw new Rejection(Reasons.MISSING_FIELD, "before.id is null for op=d");
            }
            requireEventId(change.before().id());
            return change;
        }
        EngagementEventRow row = change.after();
        if (row == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "after is null for op=" + change.op());
        }
        if (row.id() == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "id is null");
        }
        requireEventId(row.id());
        if (row.contentId() == null) {
            throw new Rejection(Reasons.NULL_CONTENT_ID, "event " + row.id() + " has no content_id");
        }
        if (row.eventType() == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "event " + row.id() + " has no event_type");
        }
        if (EventType.parse(row.eventType()).isEmpty()) {
            throw new Rejection(Reasons.UNKNOWN_EVENT_TYPE, "event_type '" + row.eventType() + "'");
        }
        if (row.eventTs() == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "event " + row.id() + " has no event_ts");
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        if (row.eventTs().isAfter(now.plus(maxFutureSkew)) || row.eventTs().isBefore(now.minus(maxAge))) {
            throw new Rejection(Reasons.EVENT_TS_OUT_OF_RANGE, "event_ts " + row.eventTs() + " vs now " + now);
        }
        if (row.durationMs() != null && row.durationMs() < 0) {
            throw new Rejection(Reasons.NEGATIVE_DURATION, "duration_ms " + row.durationMs());
        }
        if (row.durationMs() != null && row.durationMs() > maxDurationMs) {
            throw new Rejection(Reasons.ABSURD_DURATION, "duration_ms " + row.durationMs() + " > " + maxDurationMs);
        }
        requireSize(json, row, maxEventBytes, "event " + row.id(), "max-event-bytes");
        return change;
    }

    /** Sinks refuse an event id below 1, so one that reached the totals would count what no sink holds. */
    private static void requireEventId(long id) throws Rejection {
        if (id <= 0) {
            throw new Rejection(Reasons.INVALID_EVENT_ID, "event id " + id + " is not positive");
        }
    }

    /**
     * The row, as the JSON that goes on in the enriched record, within {@code max} bytes. Measured only when the whole
     * envelope (before, after and source together) is larger, so the usual small record costs nothing.
     */
    private static void requireSize(byte[] envelope, Object row, int max, String what, String setting)
            throws Rejection {
        if (envelope.length <= max) {
            return;
        }
        int size;
        try {
            size = JsonSerdes.mapper().writeValueAsBytes(row).length;
        } catch (JacksonException e) {
            throw new Rejection(Reasons.UNDECODABLE, what + " cannot be written back as JSON", e);
        }
        if (size > max) {
            throw new Rejection(Reasons.TOO_LARGE, what + " is " + size + " bytes as JSON, over pipeline.validation."
                    + setting + " (" + max + ")");
        }
    }

    /** The id of the event a validated change is about. */
    public static long eventId(EngagementEventChange change) {
        return CdcOp.DELETE.equals(change.op()) ? change.before().id() : change.after().id();
    }

    /**
     * The change's position in the source: the WAL LSN of the change (Debezium {@code source.lsn}). Per row it only
     * grows: changes within a transaction get increasing LSNs, and a row lock keeps a second transaction from changing
     * the same row before the first commits, so its change is written after that commit. An incremental snapshot read
     * has no LSN of its own: Debezium emits it at the chunk's high watermark, after every earlier change of the row
     * (a change inside the chunk's window drops the read instead), so the streaming position in {@code sequence} is
     * its version. 0 when neither is there.
     */
    public static long version(EngagementEventChange change) {
        CdcSource source = change.source();
        if (source == null) {
            return 0;
        }
        if (source.lsn() != null) {
            return source.lsn();
        }
        return streamingPosition(source.sequence());
    }

    /** The last LSN of Debezium's {@code ["last commit LSN","LSN"]} sequence (either may be null); 0 if none. */
    private static long streamingPosition(String sequence) {
        if (sequence == null) {
            return 0;
        }
        try {
            long position = 0;
            for (JsonNode lsn : JsonSerdes.mapper().readTree(sequence)) {
                if (lsn.isTextual()) {
                    position = Math.max(position, Long.parseLong(lsn.asText()));
                }
            }
            return position;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Decodes an envelope this stage already validated (read again by a later step). */
    public static EngagementEventChange trustedEvent(byte[] json) {
        try {
            return EVENT.readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("a validated event no longer decodes", e);
        }
    }

    public static ContentChange trustedContent(byte[] json) {
        try {
            return CONTENT.readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("a validated content change no longer decodes", e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] json) throws Rejection {
        if (json.length == 0) {
            throw new Rejection(Reasons.UNDECODABLE, "empty value");
        }
        T value;
        try {
            value = reader.readValue(json);
        } catch (MismatchedInputException e) {
            throw new Rejection(Reasons.WRONG_TYPE, e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new Rejection(Reasons.UNDECODABLE, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new Rejection(Reasons.UNDECODABLE, e.getMessage(), e);
        }
        if (value == null) {
            throw new Rejection(Reasons.UNDECODABLE, "JSON null");
        }
        return value;
    }

    private static void requireSource(String op, Long sourceTsMs) throws Rejection {
        if (op == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "op is null");
        }
        if (!CdcOp.CREATE.equals(op) && !CdcOp.UPDATE.equals(op) && !CdcOp.READ.equals(op)
                && !CdcOp.DELETE.equals(op)) {
            throw new Rejection(Reasons.UNKNOWN_OP, "op '" + op + "'");
        }
        if (sourceTsMs == null) {
            throw new Rejection(Reasons.MISSING_FIELD, "source.ts_ms is null");
        }
    }
}
