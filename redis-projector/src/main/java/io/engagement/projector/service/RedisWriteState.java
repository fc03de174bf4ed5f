package io.engagement.projector.service;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the last write to Redis failed, and since when: readiness reports it while writes are retried. */
@ApplicationScoped
public class RedisWriteState {
    public record Failure(Instant since, String error) {
    }

    private final AtomicReference<Failure> failure = new AtomicReference<>();

    void failed(Throwable error) {
        failure.compareAndSet(null, new Failure(Instant.now(), String.valueOf(error.getMessage())));
    }

    void succeeded() {
        failure.set(null);
    }

    /** The ongoing failure, or null while writes succeed. */
    public Failure failure() {
        return failure.get();
    }
}
