package io.engagement.loader.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.engagement.contracts.EnrichedEvent;

/** Enriched events for one fresh content id, with event ids no other test run uses. */
public final class TestEvents {
    private static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() * 1_000);
    private static final String[] TYPES = {"play", "pause", "finish", "click"};
    private static final String[] DEVICES = {"ios", "android", "web-safari", "web-chrome"};

    private TestEvents() {
    }

    public static List<EnrichedEvent> forNewContent(int n) {
        UUID contentId = UUID.randomUUID();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<EnrichedEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            Integer durationMs = "click".equals(type) ? null : random.nextInt(1, 600_000);
            BigDecimal seconds = durationMs == null ? null : BigDecimal.valueOf(durationMs, 3);
            BigDecimal pct = seconds == null ? null
                    : seconds.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(1800), 2, RoundingMode.HALF_UP);
            long now = System.currentTimeMillis();
            events.add(new EnrichedEvent(NEXT_ID.incrementAndGet(), contentId, UUID.randomUUID(), type,
                    base.plusMillis(i * 1_237L), durationMs, seconds, pct, DEVICES[random.nextInt(DEVICES.length)],
                    "{\"n\":" + i + "}", "slug-" + contentId, "Title " + contentId, "podcast", 1800, "c", now - 5, now,
                    1_000 + i));
        }
        return events;
    }

    /** The same event as a backfill would replay it: op r, processed again later. */
    public static EnrichedEvent replayed(EnrichedEvent e) {
        return new EnrichedEvent(e.eventId(), e.contentId(), e.userId(), e.eventType(), e.eventTs(), e.durationMs(),
                e.engagementSeconds(), e.engagementPct(), e.device(), e.rawPayload(), e.slug(), e.title(),
                e.contentType(), e.lengthSeconds(), "r", e.sourceTsMs(), e.processedTsMs() + 60_000, e.version());
    }

    /** A later version of the event: moved to another content and time, with another duration. */
    public static EnrichedEvent correction(EnrichedEvent e, UUID contentId, Instant eventTs, int durationMs,
            long version) {
        BigDecimal seconds = BigDecimal.valueOf(durationMs, 3);
        return new EnrichedEvent(e.eventId(), contentId, e.userId(), e.eventType(), eventTs, durationMs, seconds, null,
                e.device(), e.rawPayload(), e.slug(), e.title(), e.contentType(), e.lengthSeconds(), "u",
                e.sourceTsMs() + 1, e.processedTsMs() + 1, version);
    }

    /** The deletion notice of an event whose last values the processor still knew. */
    public static EnrichedEvent deletion(EnrichedEvent e, long version) {
        return new EnrichedEvent(e.eventId(), e.contentId(), null, e.eventType(), e.eventTs(), e.durationMs(),
                e.engagementSeconds(), null, null, null, null, null, null, null, "d", e.sourceTsMs() + 1,
                e.processedTsMs() + 1, version);
    }

    /** The deletion notice of an event the processor no longer remembered: the id and the version only. */
    public static EnrichedEvent deletion(long eventId, long version) {
        long now = System.currentTimeMillis();
        return new EnrichedEvent(eventId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                "d", now, now, version);
    }

    public static EnrichedEvent withEventTs(EnrichedEvent e, Instant eventTs) {
        return new EnrichedEvent(e.eventId(), e.contentId(), e.userId(), e.eventType(), eventTs, e.durationMs(),
                e.engagementSeconds(), e.engagementPct(), e.device(), e.rawPayload(), e.slug(), e.title(),
                e.contentType(), e.lengthSeconds(), e.op(), e.sourceTsMs(), e.processedTsMs(), e.version());
    }
}
