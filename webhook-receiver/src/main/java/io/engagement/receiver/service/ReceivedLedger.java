package io.engagement.receiver.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.receiver.config.ReceiverConfig;
import io.engagement.receiver.metrics.ReceiverMetrics;

/**
 * What the receiver got, applied the way a careful external system would: a batch whose {@code Idempotency-Key} was
 * already accepted is acknowledged without being applied again; per {@code event_id} the ledger holds the newest
 * version delivered (an update replaces it, a deletion notice stays as the event's last word), a delivery of an
 * older version is stale and changes nothing, and a second delivery of the same version, or a replay of an event
 * already held, only counts as a duplicate. Bounded: the oldest entries are forgotten first.
 */
@ApplicationScoped
public class ReceivedLedger {
    private static final String REPLAY = "replay";

    /**
     * One applied event and how many accepted batches carried it. The event is kept as its JSON text: a tree per
     * event would need several times the memory, and the ledger holds up to max-recorded-events of them.
     */
    public record Entry(@JsonRawValue String event, @JsonIgnore long version, int deliveries) {

        /** The same entry, delivered once more without changing what is held. */
        Entry deliveredAgain() {
            return new Entry(event, version, deliveries + 1);
        }
    }

    /** The outcome of applying one batch. */
    public record Applied(boolean duplicateBatch, int accepted, int duplicates, int stale) {
    }

    private final ReceiverConfig config;
    private final ReceiverMetrics metrics;
    private final Map<Long, Entry> events;
    private final Set<String> keys;
    private long batches;
    private long duplicateBatches;
    private long eventsReceived;
    private long duplicateDeliveries;
    private long staleDeliveries;
    private long badSignatures;

    public ReceivedLedger(ReceiverConfig config, ReceiverMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.events = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > config.maxRecordedEvents();
            }
        };
        this.keys = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > config.maxRememberedKeys();
            }
        });
    }

    public synchronized Applied apply(String idempotencyKey, List<JsonNode> batch) {
        batches++;
        if (idempotencyKey != null && !keys.add(idempotencyKey)) {
            duplicateBatches++;
            metrics.duplicateBatch();
            return new Applied(true, 0, 0, 0);
        }
        int accepted = 0;
        int duplicates = 0;
        int stale = 0;
        for (JsonNode event : batch) {
            eventsReceived++;
            long id = event.path("event_id").asLong();
            long version = event.path("version").asLong();
            Entry previous = events.get(id);
            if (previous == null) {
                events.put(id, new Entry(event.toString(), version, 1));
                accepted++;
            } else if (version < previous.version()) {
                events.put(id, previous.deliveredAgain());
                stale++;
            } else if (version == previous.version() || REPLAY.equals(event.path("change").asText())) {
                // A replay re-sends what was already applied (or deleted): it must not bring back a deleted event.
                events.put(id, previous.deliveredAgain());
                duplicates++;
            } else {
                events.put(id, new Entry(event.toString(), version, previous.deliveries() + 1));
                accepted++;
            }
        }
        duplicateDeliveries += duplicates;
        staleDeliveries += stale;
        metrics.applied(accepted, duplicates, stale);
        return new Applied(false, accepted, duplicates, stale);
    }

    public synchronized void badSignature() {
        badSignatures++;
        metrics.badSignature();
    }

    public synchronized Map<String, Long> summary() {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("batches", batches);
        summary.put("duplicate_batches", duplicateBatches);
        summary.put("events", eventsReceived);
        summary.put("unique_events", (long) events.size());
        summary.put("duplicate_deliveries", duplicateDeliveries);
        summary.put("stale_deliveries", staleDeliveries);
        summary.put("bad_signatures", badSignatures);
        summary.put("capacity", (long) config.maxRecordedEvents());
        return summary;
    }

    public synchronized List<Long> ids() {
        return new ArrayList<>(events.keySet());
    }

    /** The recorded entries for these ids; ids never received are absent from the result. */
    public synchronized Map<Long, Entry> find(Collection<Long> ids) {
        Map<Long, Entry> found = new LinkedHashMap<>();
        for (Long id : ids) {
            Entry entry = events.get(id);
            if (entry != null) {
                found.put(id, entry);
            }
        }
        return found;
    }

    public synchronized void reset() {
        events.clear();
        keys.clear();
        batches = 0;
        duplicateBatches = 0;
        eventsReceived = 0;
        duplicateDeliveries = 0;
        staleDeliveries = 0;
        badSignatures = 0;
    }
}
