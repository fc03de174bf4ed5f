package io.engagement.forwarder.service;

import java.util.concurrent.ThreadLocalRandom;

import io.engagement.forwarder.config.ForwarderConfig;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff with jitter, except that a receiver's Retry-After wins: it said when to come back.
 * One instance per guarded call, so the exponent restarts for every batch.
 */
public class RetryBackoff implements CustomBackoffStrategy {
    private final ForwarderConfig.Retry config;
    private long nextMs;

    public RetryBackoff(ForwarderConfig.Retry config) {
        this.config = config;
        this.nextMs = config.initialDelay().toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long exponential = nextMs;
        nextMs = Math.min(config.maxDelay().toMillis(), Math.max(1, (long) (nextMs * config.factor())));
        if (failure instanceof RetryableDeliveryException retryable && retryable.retryAfterMs() > 0) {
            return Math.min(retryable.retryAfterMs(), config.maxRetryAfter().toMillis());
        }
        long jitterMs = (long) (exponential * config.jitter() * ThreadLocalRandom.current().nextDouble());
        return exponential - jitterMs;
    }
}
