package io.engagement.processor.topology;

import java.math.BigDecimal;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.EventType;
import io.engagement.processor.mapping.Contribution;

/**
 * Absolute per-content totals per event-time bucket, emitted on every change so consumers overwrite instead of
 * adding. Which contribution to take back and which to add was decided per event id upstream ({@link VersionProcessor}),
 * so a replay adds nothing and a correction moves the event between buckets. A contribution older than window +
 * grace changes no total, added or taken back alike: time only moves forward, so one that was too old to be added
 * is too old to be taken back.
 */
class TotalsProcessor implements Processor<String, JoinedStep, String, ContentBucketTotals> {
    private final long bucketMs;
    private final long horizonMs;
    private ProcessorContext<String, ContentBucketTotals> context;
    private WindowStore<String, ContentBucketTotals> totals;

    TotalsProcessor(TopologySettings settings) {
        this.bucketMs = settings.bucket().toMillis();
        this.horizonMs = settings.totalsHorizon().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ContentBucketTotals> context) {
        this.context = context;
        this.totals = context.getStateStore(EngagementTopology.TOTALS_STORE);
    }

    @Override
    public void process(Record<String, JoinedStep> record) {
        JoinedStep step = record.value();
        if (step.retract() != null) {
            apply(step.retract(), -1, null, step.sourceTsMs(), record.timestamp());
        }
        if (step.count() && step.event() != null) {
            EnrichedEvent event = step.event();
            Contribution added = new Contribution(event.contentId(), event.eventTs().toEpochMilli(), event.eventType(),
                    event.durationMs());
            apply(added, 1, event, step.sourceTsMs(), record.timestamp());
        }
    }

    /** Adds ({@code sign} 1) or takes back (-1) one contribution; descriptive fields follow {@code event} when given. */
    private void apply(Contribution c, int sign, EnrichedEvent event, long sourceTsMs, long timestamp) {
        if (c.eventTsMs() < context.currentSystemTimeMs() - horizonMs) {
            return;
        }
        String contentId = c.contentId().toString();
        long bucketStart = c.eventTsMs() - Math.floorMod(c.eventTsMs(), bucketMs);
        ContentBucketTotals before = totals.fetch(contentId, bucketStart);
        if (before == null && sign < 0) {
            return; // never added (it reached no bucket in time): nothing to take back
        }
        ContentBucketTotals base = before != null ? before : empty(c.contentId(), bucketStart);
        EventType type = EventType.parse(c.eventType()).orElseThrow();
        ContentBucketTotals next = new ContentBucketTotals(base.contentId(), bucketStart, base.bucketSeconds(),
                base.engagementSeconds().add(c.seconds().multiply(BigDecimal.valueOf(sign))), base.events() + sign,
                base.plays() + (type == EventType.PLAY ? sign : 0),
                base.pauses() + (type == EventType.PAUSE ? sign : 0),
                base.finishes() + (type == EventType.FINISH ? sign : 0),
                base.clicks() + (type == EventType.CLICK ? sign : 0),
                Math.max(base.maxSourceTsMs(), sourceTsMs),
                // Descriptive fields follow the content row current now, like the enriched events.
                event != null ? event.slug() : base.slug(), event != null ? event.title() : base.title(),
                event != null ? event.contentType() : base.contentType(),
                event != null ? event.lengthSeconds() : base.lengthSeconds());
        totals.put(contentId, next, bucketStart);
        context.forward(new Record<>(next.key(), next, timestamp, new RecordHeaders()));
    }

    private ContentBucketTotals empty(UUID contentId, long bucketStart) {
        return new ContentBucketTotals(contentId, bucketStart, (int) (bucketMs / 1000), BigDecimal.ZERO, 0, 0, 0, 0, 0,
                0, null, null, null, null);
    }
}
