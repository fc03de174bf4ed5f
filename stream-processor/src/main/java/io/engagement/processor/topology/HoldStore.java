package io.engagement.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Steps waiting for their content, keyed {@code contentId/arrivalSequence} so all events of one content are one
 * prefix scan away and come out in arrival order. Keeps the count it is bounded by in memory (recounted on start,
 * after the store has been restored from its changelog).
 */
final class HoldStore {
    static final String NAME = EngagementTopology.HOLD_STORE;
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, HeldEvent> store;
    private final AtomicLong count;

    HoldStore(ProcessorContext<?, ?> context, AtomicLong count) {
        this.store = context.getStateStore(NAME);
        this.count = count;
        long entries = 0;
        try (KeyValueIterator<String, HeldEvent> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                entries++;
            }
        }
        count.set(entries);
    }

    long size() {
        return count.get();
    }

    /** True while steps of this content wait (a prefix scan, skipped when nothing is held at all). */
    boolean holds(String contentId) {
        if (count.get() == 0) {
            return false;
        }
        try (KeyValueIterator<String, HeldEvent> it = store.prefixScan(contentId + "/", KEYS)) {
            return it.hasNext();
        }
    }

    void hold(String contentId, long sequence, HeldEvent event) {
        store.put(key(contentId, sequence), event);
        count.incrementAndGet();
    }

    /** Removes and returns the events waiting for this content, oldest first. */
    List<HeldEvent> release(String contentId) {
        if (count.get() == 0) {
            return List.of();
        }
        List<KeyValue<String, HeldEvent>> found = new ArrayList<>();
        try (KeyValueIterator<String, HeldEvent> it = store.prefixScan(contentId + "/", KEYS)) {
            it.forEachRemaining(found::add);
        }
        return remove(found).stream().map(entry -> entry.value).toList();
    }

    /** Removes and returns (content id, event) for events that started waiting at or before {@code heldAtOrBeforeMs}. */
    List<KeyValue<String, HeldEvent>> expire(long heldAtOrBeforeMs) {
        if (count.get() == 0) {
            return List.of();
        }
        List<KeyValue<String, HeldEvent>> expired = new ArrayList<>();
        try (KeyValueIterator<String, HeldEvent> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.heldAtMs() <= heldAtOrBeforeMs) {
                    expired.add(KeyValue.pair(entry.key, entry.value));
                }
            });
        }
        return remove(expired);
    }

    /** Deletes the entries; returns them keyed by content id. */
    private List<KeyValue<String, HeldEvent>> remove(List<KeyValue<String, HeldEvent>> entries) {
        List<KeyValue<String, HeldEvent>> removed = new ArrayList<>(entries.size());
        for (KeyValue<String, HeldEvent> entry : entries) {
            store.delete(entry.key);
            count.decrementAndGet();
            removed.add(KeyValue.pair(entry.key.substring(0, entry.key.indexOf('/')), entry.value));
        }
        return removed;
    }

    private static String key(String contentId, long sequence) {
        return contentId + "/" + String.format("%019d", sequence);
    }
}
