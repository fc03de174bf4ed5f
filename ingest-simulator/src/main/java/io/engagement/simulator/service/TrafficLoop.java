package io.engagement.simulator.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.engagement.simulator.config.SimulatorConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Writes events at the target rate: every tick it inserts what the rate owes since the last tick (a token bucket),
 * with a bounded number of INSERTs in flight. When PostgreSQL cannot keep up the debt is dropped rather than
 * piling up, and the achieved rate shows the shortfall.
 */
@ApplicationScoped
public class TrafficLoop {
    private static final Logger LOG = Logger.getLogger(TrafficLoop.class);

    private final Vertx vertx;
    private final Catalogue catalogue;
    private final EventWriter writer;
    private final SimulatorConfig config;
    private final AtomicInteger targetRate = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong writtenThisSecond = new AtomicLong();
    private volatile long achievedRate;
    private long currentSecond;
    private double owed;
    private long lastTickNanos;
    private long timerId = -1;

    public TrafficLoop(Vertx vertx, Catalogue catalogue, EventWriter writer, SimulatorConfig config,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.catalogue = catalogue;
        this.writer = writer;
        this.config = config;
        Gauge.builder("simulator_target_rate", targetRate, AtomicInteger::get)
                .description("Target events per second").register(registry);
        Gauge.builder("simulator_achieved_rate", this, TrafficLoop::achievedRate)
                .description("Events written in the last full second").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        targetRate.set(config.rate());
        lastTickNanos = System.nanoTime();
        timerId = vertx.setPeriodic(config.tickMs(), id -> tick());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    public int targetRate() {
        return targetRate.get();
    }

    public long achievedRate() {
        return achievedRate;
    }

    public int writesInFlight() {
        return inFlight.get();
    }

    public void setTargetRate(int eventsPerSecond) {
        targetRate.set(eventsPerSecond);
        LOG.infof("target rate set to %d events/s", eventsPerSecond);
    }

    private void tick() {
        long now = System.nanoTime();
        long second = now / 1_000_000_000L;
        if (second != currentSecond) {
            achievedRate = second == currentSecond + 1 ? writtenThisSecond.getAndSet(0) : 0;
            currentSecond = second;
        }
        int rate = targetRate.get();
        // Stopped means stopped: what the old rate still owed is not written on a later tick.
        owed = rate == 0 ? 0 : owed + rate * (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        while (owed >= 1 && inFlight.get() < config.maxInFlight()) {
            int n = (int) Math.min(owed, config.batchSize());
            owed -= n;
            inFlight.incrementAndGet();
            writer.write(catalogue.nextEvents(n)).subscribe().with(
                    batch -> {
                        writtenThisSecond.addAndGet(batch.count());
                        inFlight.decrementAndGet();
                    },
                    failure -> {
                        inFlight.decrementAndGet();
                        LOG.warnf("insert of %d events failed: %s", n, failure.getMessage());
                    });
        }
        // A backlog larger than one second of traffic is not worth catching up on: drop it.
        owed = Math.min(owed, Math.max(1, rate));
    }
}
