package io.engagement.forwarder.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every forwarder setting; each key is also an environment variable (forwarder.batch.max-events → FORWARDER_BATCH_MAX_EVENTS). */
@ConfigMapping(prefix = "forwarder")
public interface ForwarderConfig {

    Webhook webhook();

    Batch batch();

    Retry retry();

    CircuitBreaker circuitBreaker();

    /** Forward backfill replays ({@code op=r}) like live events; their event ids make them harmless to a deduping receiver. */
    @WithDefault("true")
    boolean forwardReplays();

    interface Webhook {
        /** Where batches are POSTed; the REST client reads the same key. */
        String url();

        /** HMAC-SHA256 key for {@code X-Signature}. Never logged. */
        String secret();

        /** 4xx statuses that mean "try again later" rather than "this batch is wrong". */
        @WithDefault("408,409,429")
        Set<Integer> retryStatuses();

        /** How much of a rejecting response body goes into the DLQ detail header. */
        @WithDefault("300")
        int bodyExcerptChars();
    }

    interface Batch {
        /** Most events in one webhook request (also the Kafka max.poll.records). */
        @WithDefault("500")
        int maxEvents();

        /** How long the broker may hold a fetch to fill a batch (Kafka fetch.max.wait.ms). */
        @WithDefault("5")
        int lingerMs();
    }

    interface Retry {
        @WithDefault("200ms")
        Duration initialDelay();

        /** Cap of the exponential backoff while the endpoint stays down. */
        @WithDefault("30s")
        Duration maxDelay();

        @WithDefault("2")
        double factor();

        /** Fraction of each delay drawn at random, so many forwarders do not retry in lockstep. */
        @WithDefault("0.5")
        double jitter();

        /** Longest Retry-After honoured; a larger value is clamped to this. */
        @WithDefault("5m")
        Duration maxRetryAfter();
    }

    interface CircuitBreaker {
        /** Attempts in the rolling window the failure ratio is computed over. */
        @WithDefault("4")
        int requestVolumeThreshold();

        @WithDefault("0.75")
        double failureRatio();

        /** How long the circuit stays open before one trial request. */
        @WithDefault("10s")
        Duration delay();
    }
}
