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

        /**
         * Statuses that say this batch is wrong: it is halved until the refused events stand alone, and those go to
         * the DLQ (webhook-rejected). Every other non-2xx is retried — a 401 after a secret rotation or a 404 from a
         * moved endpoint says the endpoint is wrong, not the events, and must stall delivery, not empty the stream.
         */
        @WithDefault("400,413,422")
        Set<Integer> rejectStatuses();

        /**
         * Statuses that may mean "I cannot process an event in this batch" rather than an outage. A batch answered
         * with one of them retry.isolate-after-attempts times in a row is halved to find the event; 502/503/504 and
         * connection failures never are, they are retried without limit.
         */
        @WithDefault("500")
        Set<Integer> eventErrorStatuses();

        /** How much of a rejecting response body goes into the DLQ detail header. */
        @WithDefault("300")
        int bodyExcerptChars();
    }

    interface Batch {
        /**
         * Most events in one webhook request, and the width of the offset windows batches are cut on: a batch holds
         * one partition's events from offsets [k × max-events, (k + 1) × max-events).
         */
        @WithDefault("500")
        int maxEvents();

        /**
         * Most events one Kafka poll hands over (max.poll.records). Several windows' worth, so that under a backlog
         * most windows arrive whole in one poll — a whole window keeps its Idempotency-Key across a restart — and
         * only the one at the poll's end is cut short.
         */
        @WithDefault("2000")
        int pollEvents();

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

        /** Answers with an event-error status in a row after which a batch is halved (a lone event: suspected). */
        @WithDefault("3")
        int isolateAfterAttempts();

        /**
         * A lone event still failing with an event-error status goes to the DLQ (webhook-exhausted) as soon as the
         * receiver has accepted other events since it began failing — proof the endpoint works and the event is the
         * problem. Without that proof (an outage, or nothing else to send) it is retried for this long first.
         */
        @WithDefault("10m")
        Duration giveUpAfter();
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
