package io.engagement.receiver.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the receiver saw, as Prometheus counters on /q/metrics. */
@ApplicationScoped
public class ReceiverMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter duplicateBatches;
    private final Counter stale;
    private final Counter badSignatures;

    public ReceiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("receiver.events.accepted").description("Events applied: first seen, or a newer version").register(registry);
        this.duplicates = Counter.builder("receiver.events.duplicate").description("Events delivered again after being applied").register(registry);
        this.stale = Counter.builder("receiver.events.stale").description("Deliveries of a version older than the one held, not applied").register(registry);
        this.duplicateBatches = Counter.builder("receiver.batches.duplicate").description("Batches whose Idempotency-Key was already accepted").register(registry);
        this.badSignatures = Counter.builder("receiver.signatures.bad").description("Batches refused with 401").register(registry);
    }

    /** Counts one answered batch by HTTP status. */
    public void answered(int status) {
        registry.counter("receiver.batches", "status", Integer.toString(status)).increment();
    }

    public void applied(int acceptedEvents, int duplicateEvents, int staleEvents) {
        stale.increment(staleEvents);
        accepted.increment(acceptedEvents);
        duplicates.increment(duplicateEvents);
    }

    public void duplicateBatch() {
        duplicateBatches.increment();
    }

    public void badSignature() {
        badSignatures.increment();
    }
}
