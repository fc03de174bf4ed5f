package io.engagement.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.engagement.simulator.config.SimulatorConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Writes N events as fast as PostgreSQL takes them: the simulator's maximum insert rate. */
@ApplicationScoped
public class BurstWriter {
    private final Catalogue catalogue;
    private final EventWriter writer;
    private final SimulatorConfig config;

    public BurstWriter(Catalogue catalogue, EventWriter writer, SimulatorConfig config) {
        this.catalogue = catalogue;
        this.writer = writer;
        this.config = config;
    }

    /** {@code firstId..lastId} spans exactly the burst's rows only when no other traffic runs meanwhile. */
    public record BurstResult(long events, long firstId, long lastId, long millis, long eventsPerSecond) {
    }

    public Uni<BurstResult> burst(int events) {
        long start = System.nanoTime();
        int batches = (events + config.batchSize() - 1) / config.batchSize();
        return Multi.createFrom().range(0, batches)
                .onItem().transformToUni(i -> writer.write(
                        catalogue.nextEvents(Math.min(config.batchSize(), events - i * config.batchSize()))))
                .merge(config.maxInFlight())
                .collect().asList()
                .map(written -> {
                    long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                    long count = written.stream().mapToLong(EventWriter.WrittenBatch::count).sum();
                    long first = written.stream().mapToLong(EventWriter.WrittenBatch::firstId).min().orElse(0);
                    long last = written.stream().mapToLong(EventWriter.WrittenBatch::lastId).max().orElse(0);
                    return new BurstResult(count, first, last, millis, count * 1000 / millis);
                });
    }
}
