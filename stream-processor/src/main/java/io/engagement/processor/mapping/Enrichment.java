package io.engagement.processor.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import io.engagement.contracts.ContentRow;
import io.engagement.contracts.EngagementEventChange;
import io.engagement.contracts.EngagementEventRow;
import io.engagement.contracts.EnrichedEvent;

/** The exact enrichment derivations (docs/delivery-semantics.md, "Enrichment"). */
public final class Enrichment {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Enrichment() {
    }

    /** {@code duration_ms / 1000}, exactly, 3 decimals; null when the duration is null. */
    public static BigDecimal engagementSeconds(Integer durationMs) {
        return durationMs == null ? null : BigDecimal.valueOf(durationMs.longValue(), 3);
    }

    /** {@code round(100 * seconds / length, 2)} half-up, not capped; null when either is null or length ≤ 0. */
    public static BigDecimal engagementPct(BigDecimal engagementSeconds, Integer lengthSeconds) {
        if (engagementSeconds == null || lengthSeconds == null || lengthSeconds <= 0) {
            return null;
        }
        return engagementSeconds.multiply(HUNDRED).divide(BigDecimal.valueOf(lengthSeconds), 2, RoundingMode.HALF_UP);
    }

    /** The event joined with the content row current now; {@code processedTsMs} is the emit time. */
    public static EnrichedEvent enrich(EngagementEventChange change, ContentRow content, long processedTsMs) {
        EngagementEventRow row = change.after();
        BigDecimal seconds = engagementSeconds(row.durationMs());
        return new EnrichedEvent(row.id(), row.contentId(), row.userId(), row.eventType(), row.eventTs(),
                row.durationMs(), seconds, engagementPct(seconds, content.lengthSeconds()), row.device(),
                row.rawPayload(), content.slug(), content.title(), content.contentType(), content.lengthSeconds(),
                change.op(), change.source().tsMs(), processedTsMs, CdcDecoder.version(change));
    }

    /**
     * The deletion notice of an event: its id, plus what the pipeline last counted for it (content, time, type,
     * duration) when still known; those fields are null otherwise, the id and the version are always there.
     */
    public static EnrichedEvent deletion(EngagementEventChange change, Contribution last, long processedTsMs) {
        long id = CdcDecoder.eventId(change);
        long version = CdcDecoder.version(change);
        if (last == null) {
            return new EnrichedEvent(id, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    change.op(), change.source().tsMs(), processedTsMs, version);
        }
        return new EnrichedEvent(id, last.contentId(), null, last.eventType(), Instant.ofEpochMilli(last.eventTsMs()),
                last.durationMs(), engagementSeconds(last.durationMs()), null, null, null, null, null, null, null,
                change.op(), change.source().tsMs(), processedTsMs, version);
    }
}
