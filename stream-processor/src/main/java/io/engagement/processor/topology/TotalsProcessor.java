package io.engagement.processor.topology;

import java.math.BigDecimal;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.EventType;

/**
 * Absolute per-content totals per event-time bucket, emitted on every change so consumers overwrite instead of
 * adding. An event id is counted once: replays (connector restart, backfill with op=r, updates) are remembered in
 * a window store whose retention covers every bucket that can still change. Events older than window + grace
 * change no total.
 */
class TotalsProcessor implements Processor<String, EnrichedEvent, String, ContentBucketTotals> {
    private final long bucketMs;
    private final long horizonMs;
    private ProcessorContext<String, ContentBucketTotals> context;
    private WindowStore<String, Long> counted;
    private WindowStore<String, ContentBucketTotals> totals;

    TotalsProcessor(TopologySettings settings) {
        this.bucketMs = settings.bucket().toMillis();
        this.horizonMs = settings.totalsHorizon().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ContentBucketTotals> context) {
        this.context = context;
        this.counted = context.getStateStore(EngagementTopology.COUNTED_STORE);
        this.totals = context.getStateStore(EngagementTopology.TOTALS_STORE);
    }

    @Override
    public void process(Record<String, EnrichedEvent> record) {
        EnrichedEvent event = record.value();
        long eventTs = event.eventTs().toEpochMilli();
        if (eventTs < context.currentSystemTimeMs() - horizonMs) {
            return;
        }
        String eventId = Long.toString(event.eventId());
        if (counted.fetch(eventId, eventTs) != null) {
            return;
        }
        counted.put(eventId, event.sourceTsMs(), eventTs);
        long bucketStart = eventTs - Math.floorMod(eventTs, bucketMs);
        ContentBucketTotals next = add(totals.fetch(record.key(), bucketStart), event, bucketStart);
        totals.put(record.key(), next, bucketStart);
        context.forward(new Record<>(next.key(), next, record.timestamp(), new RecordHeaders()));
    }

    private ContentBucketTotals add(ContentBucketTotals before, EnrichedEvent event, long bucketStart) {
        BigDecimal seconds = event.engagementSeconds() == null ? BigDecimal.ZERO : event.engagementSeconds();
        EventType type = EventType.parse(event.eventType()).orElseThrow();
        ContentBucketTotals base = before != null ? before
                : new ContentBucketTotals(event.contentId(), bucketStart, (int) (bucketMs / 1000), BigDecimal.ZERO,
                        0, 0, 0, 0, 0, 0, null, null, null, null);
        // Descriptive fields follow the content row current now, like the enriched events.
        return new ContentBucketTotals(base.contentId(), bucketStart, base.bucketSeconds(),
                base.engagementSeconds().add(seconds), base.events() + 1,
                base.plays() + (type == EventType.PLAY ? 1 : 0),
                base.pauses() + (type == EventType.PAUSE ? 1 : 0),
                base.finishes() + (type == EventType.FINISH ? 1 : 0),
                base.clicks() + (type == EventType.CLICK ? 1 : 0),
                Math.max(base.maxSourceTsMs(), event.sourceTsMs()),
                event.slug(), event.title(), event.contentType(), event.lengthSeconds());
    }
}
