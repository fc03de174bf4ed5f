package io.engagement.contracts;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What a record on {@link Topics#ENRICHED} must be before a sink writes it anywhere. The stream-processor only emits
 * such records; anything else on the topic came from elsewhere, and every sink must refuse the same records so
 * ClickHouse and the webhook never disagree about which events exist.
 */
public final class EnrichedEventRules {
    private static final Set<String> OPS = Set.of(CdcOp.CREATE, CdcOp.UPDATE, CdcOp.DELETE, CdcOp.READ);
    /**
     * ClickHouse's Decimal(12, 3) and Decimal(12, 2) columns. Beyond them a value is no engagement, and a number
     * like 1e999999999 is a few bytes of JSON but a billion digits once written out in full.
     */
    private static final int SECONDS_INTEGER_DIGITS = 9;
    private static final int SECONDS_SCALE = 3;
    private static final int PCT_INTEGER_DIGITS = 10;
    private static final int PCT_SCALE = 2;

    private EnrichedEventRules() {
    }

    /** Why no sink can write the event, or null when every sink can. */
    public static String violation(EnrichedEvent event) {
        if (event.eventId() <= 0) {
            return "event_id is required (a positive number)";
        }
        if (event.op() == null || !OPS.contains(event.op())) {
            return "op must be one of " + OPS + ", not " + event.op();
        }
        // A deletion notice needs only its id (and version): what it deletes may no longer be known upstream.
        if (!event.deleted() && (event.contentId() == null || event.eventTs() == null || event.eventType() == null)) {
            return "content_id, event_ts and event_type are required unless op is d";
        }
        // ClickHouse's enum columns would refuse these too, but only after a round trip that cannot tell a bad row
        // from a failing server (18.16 sends no error code): the loader would hold the partition as a suspect.
        if (event.eventType() != null && EventType.parse(event.eventType()).isEmpty()) {
            return "event_type '" + event.eventType() + "' is not one of the source table's";
        }
        if (event.contentType() != null && ContentType.parse(event.contentType()).isEmpty()) {
            return "content_type '" + event.contentType() + "' is not one of the source table's";
        }
        if (!fits(event.engagementSeconds(), SECONDS_INTEGER_DIGITS, SECONDS_SCALE)) {
            return "engagement_seconds is out of range (at most " + SECONDS_INTEGER_DIGITS + " integer digits and "
                    + SECONDS_SCALE + " decimals)";
        }
        if (!fits(event.engagementPct(), PCT_INTEGER_DIGITS, PCT_SCALE)) {
            return "engagement_pct is out of range (at most " + PCT_INTEGER_DIGITS + " integer digits and " + PCT_SCALE
                    + " decimals)";
        }
        return null;
    }

    private static boolean fits(BigDecimal value, int integerDigits, int scale) {
        return value == null || (value.scale() <= scale && value.precision() - value.scale() <= integerDigits);
    }
}
