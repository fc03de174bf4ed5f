package io.engagement.processor.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The dedupe store of a task: the last version of each event id it has seen, for the dedupe retention. */
final class EventVersions {
    private final ProcessorContext<?, ?> context;
    private final WindowStore<String, EventVersion> store;
    private final Duration retention;

    EventVersions(ProcessorContext<?, ?> context, Duration retention) {
        this.context = context;
        this.store = context.getStateStore(EngagementTopology.VERSIONS_STORE);
        this.retention = retention;
    }

    EventVersion last(long eventId) {
        long now = context.currentSystemTimeMs();
        try (WindowStoreIterator<EventVersion> found = store.backwardFetch(Long.toString(eventId),
                now - retention.toMillis(), Long.MAX_VALUE)) {
            return found.hasNext() ? found.next().value : null;
        }
    }

    /** Stored at the wall-clock time of the change, so each entry lives for the retention after the event's last change. */
    void remember(long eventId, EventVersion version) {
        store.put(Long.toString(eventId), version, context.currentSystemTimeMs());
    }
}
