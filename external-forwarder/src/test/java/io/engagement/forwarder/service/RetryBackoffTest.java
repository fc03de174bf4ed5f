package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.engagement.forwarder.config.ForwarderConfig;

class RetryBackoffTest {
    private static final ForwarderConfig.Retry CONFIG = new ForwarderConfig.Retry() {
        public Duration initialDelay() {
            return Duration.ofMillis(100);
        }

        public Duration maxDelay() {
            return Duration.ofMillis(800);
        }

        public double factor() {
            return 2;
        }

        public double jitter() {
            return 0.5;
        }

        public Duration maxRetryAfter() {
            return Duration.ofSeconds(60);
        }

        public int isolateAfterAttempts() {
            return 3;
        }

        public Duration giveUpAfter() {
            return Duration.ofMinutes(10);
        }
    };

    private static final RetryableDeliveryException SERVER_ERROR = new RetryableDeliveryException(503, 0, "down", null);

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(CONFIG);
        long[] ceilings = {100, 200, 400, 800, 800, 800};
        for (long ceiling : ceilings) {
            assertThat(backoff.nextDelayInMillis(SERVER_ERROR)).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void retryAfterReplacesTheComputedDelayAndIsCapped() {
        RetryBackoff backoff = new RetryBackoff(CONFIG);
        assertThat(backoff.nextDelayInMillis(new RetryableDeliveryException(429, 7_000, "slow down", null))).isEqualTo(7_000);
        assertThat(backoff.nextDelayInMillis(new RetryableDeliveryException(429, 3_600_000, "slow down", null))).isEqualTo(60_000);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.millis("5", clock)).isEqualTo(5_000);
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 10:00:30 GMT", clock)).isEqualTo(30_000);
        assertThat(RetryAfter.millis("Tue, 24 Nov 2026 09:00:00 GMT", clock)).isZero();
        assertThat(RetryAfter.millis("soon", clock)).isZero();
        assertThat(RetryAfter.millis(null, clock)).isZero();
    }
}
