package io.engagement.forwarder.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.engagement.forwarder.client.BodyExcerpt;
import io.engagement.forwarder.client.WebhookClient;
import io.engagement.forwarder.config.ForwarderConfig;
import io.engagement.forwarder.metrics.ForwarderMetrics;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Sends one batch, signed afresh per attempt, until the receiver gives a final answer: a 2xx, a status that says the
 * batch is wrong (reject-statuses), or an event-error status (500) isolate-after-attempts times in a row. Everything
 * else (401/403/404, 408/429, 502/503/504, timeouts, refused or reset connections) is retried without limit, with
 * exponential backoff and jitter or the receiver's Retry-After, behind a circuit breaker — the calling consumer
 * thread waits meanwhile, so Kafka consumption stops instead of piling events up in memory.
 */
@ApplicationScoped
public class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    private final WebhookClient client;
    private final WebhookSigner signer;
    private final ForwarderConfig.Webhook webhook;
    private final int isolateAfterAttempts;
    private final ForwarderMetrics metrics;
    private final Guard guard;
    private final AtomicLong lastDeliveredNanos = new AtomicLong(System.nanoTime());

    public WebhookDelivery(@RestClient WebhookClient client, WebhookSigner signer, ForwarderConfig config,
            ForwarderMetrics metrics) {
        this.client = client;
        this.signer = signer;
        this.webhook = config.webhook();
        this.metrics = metrics;
        ForwarderConfig.Retry retry = config.retry();
        this.isolateAfterAttempts = retry.isolateAfterAttempts();
        ForwarderConfig.CircuitBreaker breaker = config.circuitBreaker();
        this.guard = Guard.create()
                .withDescription("webhook delivery")
                .withRetry()
                    .maxRetries(-1)
                    .maxDuration(0, ChronoUnit.MILLIS)
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .withCustomBackoff().strategy(() -> new RetryBackoff(retry)).done()
                    .beforeRetry(this::beforeRetry)
                    .done()
                .withCircuitBreaker()
                    .name("webhook")
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(this::circuitChanged)
                    .done()
                .build();
    }

    /** Blocks until the receiver gives a final answer; only an interrupt (shutdown) ends it otherwise. */
    public DeliveryOutcome deliver(WebhookRequest request) {
        AtomicInteger eventErrors = new AtomicInteger();
        try {
            return guard.call(() -> attempt(request, eventErrors), DeliveryOutcome.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering batch " + request.idempotencyKey(), e);
        } catch (Exception e) {
            throw new IllegalStateException("delivery of batch " + request.idempotencyKey() + " gave up", e);
        }
    }

    /** Whether the receiver accepted any batch after this {@link System#nanoTime()} instant. */
    public boolean deliveredSince(long nanoTime) {
        return lastDeliveredNanos.get() - nanoTime > 0;
    }

    private DeliveryOutcome attempt(WebhookRequest request, AtomicInteger eventErrors) {
        try (Response response = send(request)) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                lastDeliveredNanos.set(System.nanoTime());
                return new DeliveryOutcome.Delivered(status);
            }
            String excerpt = excerpt(response);
            if (webhook.rejectStatuses().contains(status)) {
                return new DeliveryOutcome.Rejected(status, excerpt);
            }
            if (webhook.eventErrorStatuses().contains(status) && eventErrors.incrementAndGet() >= isolateAfterAttempts) {
                return new DeliveryOutcome.Failing(status, excerpt, eventErrors.get());
            }
            long retryAfterMs = RetryAfter.millis(response.getHeaderString("Retry-After"), Clock.systemUTC());
            throw new RetryableDeliveryException(status, retryAfterMs, "HTTP " + status + ": " + excerpt, null);
        }
    }

    private Response send(WebhookRequest request) {
        try {
            String signature = signer.signature(Instant.now().getEpochSecond(), request.body());
            return client.post(request.idempotencyKey(), signature, request.body());
        } catch (WebApplicationException e) {
            // The REST client's default mapper turns statuses >= 400 into exceptions; the status is what matters here.
            return e.getResponse();
        } catch (ProcessingException e) {
            throw new RetryableDeliveryException(0, 0, "no answer: " + e.getMessage(), e);
        }
    }

    /** Reads only the excerpt: the REST client streams a Response's body, and closing the response drops the rest. */
    private String excerpt(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream body = response.readEntity(InputStream.class)) {
            return BodyExcerpt.of(body, webhook.bodyExcerptChars());
        } catch (IOException | ProcessingException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }

    private void beforeRetry(Throwable failure) {
        String cause;
        if (failure instanceof CircuitBreakerOpenException) {
            cause = "circuit-open";
        } else if (failure instanceof RetryableDeliveryException retryable) {
            cause = retryable.status() == 0 ? "no-answer" : "http-" + retryable.status();
        } else {
            cause = failure.getClass().getSimpleName();
        }
        metrics.retry(cause);
        if (!(failure instanceof CircuitBreakerOpenException)) {
            LOG.warnf("webhook %s failed (%s), retrying", webhook.url(), failure.getMessage());
        }
    }

    private void circuitChanged(CircuitBreakerState state) {
        metrics.circuitOpen(state == CircuitBreakerState.OPEN);
        LOG.infof("webhook circuit %s", state);
    }
}
