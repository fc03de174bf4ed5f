package io.engagement.receiver.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

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
 * already held, only counts as a duplicate. That per-event dedupe (id → newest version) is durable and unbounded: an
 * MVStore on disk, committed before a batch is acknowledged. The events kept whole for inspection, the keys and the
 * keys each event arrived under are bounded: the oldest are forgotten first.
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
    private final MVStore store;
    /** Newest version applied per event id; {@link Long#MIN_VALUE} never occurs as a version. */
    private final MVMap<Long, Long> versions;
    private final Map<Long, Entry> events;
    private final Set<String> keys;
    /** Per event id, the Idempotency-Key of every accepted batch that carried it, duplicate batches included. */
    private final Map<Long, List<String>> keysByEvent;
    private long batches;
    private long duplicateBatches;
    private long eventsReceived;
    private long duplicateDeliveries;
    private long staleDeliveries;
    private long badSignatures;

    public ReceivedLedger(ReceiverConfig config, ReceiverMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        try {
            Files.createDirectories(Path.of(config.ledgerDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create receiver.ledger-dir " + config.ledgerDir(), e);
        }
        this.store = new MVStore.Builder().fileName(Path.of(config.ledgerDir(), "versions.mv").toString())
                .autoCommitDisabled().open();
        this.versions = store.openMap("versions");
        this.events = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > config.maxRecordedEvents();
            }
        };
        this.keysByEvent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<String>> eldest) {
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
        if (idempotencyKey != null) {
            for (JsonNode event : batch) {
                keysByEvent.computeIfAbsent(event.path("event_id").asLong(), id -> new ArrayList<>(2)).add(idempotencyKey);
            }
        }
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
            Long applied = versions.get(id);
            Entry previous = events.get(id);
            if (applied == null) {
                versions.put(id, version);
                events.put(id, new Entry(event.toString(), version, 1));
                accepted++;
            } else if (version < applied) {
                deliveredAgain(id, previous);
                stale++;
            } else if (version == applied || REPLAY.equals(event.path("change").asText())) {
                // A replay re-sends what was already applied (or deleted): it must not bring back a deleted event.
                deliveredAgain(id, previous);
                duplicates++;
            } else {
                versions.put(id, version);
                events.put(id, new Entry(event.toString(), version, previous == null ? 1 : previous.deliveries() + 1));
                accepted++;
            }
        }
        // On disk before the batch is acknowledged: a restart must not accept again what this answer confirms.
        store.commit();
        duplicateDeliveries += duplicates;
        staleDeliveries += stale;
        metrics.applied(accepted, duplicates, stale);
        return new Applied(false, accepted, duplicates, stale);
    }

    /** Counts one more delivery on the entry kept for inspection, if it is still kept. */
    private void deliveredAgain(long id, Entry previous) {
        if (previous != null) {
            events.put(id, previous.deliveredAgain());
        }
    }

    @PreDestroy
    synchronized void close() {
        store.close();
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
        summary.put("unique_events", (long) versions.size());
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

    /**
     * The newest version applied per id, from the durable store: unlike {@link #find}, it still knows every event
     * after a restart or once its inspection entry was forgotten. Unknown ids are left out.
     */
    public synchronized Map<Long, Long> appliedVersions(Collection<Long> ids) {
        Map<Long, Long> found = new LinkedHashMap<>();
        for (Long id : ids) {
            Long version = versions.get(id);
            if (version != null) {
                found.put(id, version);
            }
        }
        return found;
    }

    /**
     * The Idempotency-Keys each of these events arrived under, oldest first: whether a sender that re-sent an event
     * re-sent it in the same batch. Ids never received (or forgotten) are left out.
     */
    public synchronized Map<Long, List<String>> batchKeys(Collection<Long> ids) {
        Map<Long, List<String>> found = new LinkedHashMap<>();
        for (Long id : ids) {
            List<String> batchKeys = keysByEvent.get(id);
            if (batchKeys != null) {
                found.put(id, List.copyOf(batchKeys));
            }
        }
        return found;
    }

    public synchronized void reset() {
        versions.clear();
        store.commit();
        events.clear();
        keys.clear();
        keysByEvent.clear();
        batches = 0;
        duplicateBatches = 0;
        eventsReceived = 0;
        duplicateDeliveries = 0;
        staleDeliveries = 0;
        badSignatures = 0;
    }
}
