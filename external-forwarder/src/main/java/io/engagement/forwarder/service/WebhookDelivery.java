package io.engagement.forwarder.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.engagement.forwarder.client.WebhookClient;
import io.engagement.forwarder.config.ForwarderConfig;
import io.engagement.forwarder.metrics.ForwarderMetrics;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Sends one signed batch until the receiver gives a final answer: a 2xx, or a 4xx that says the batch is wrong.
 * Everything else (5xx, 408/409/429, timeouts, refused or reset connections) is retried without limit, with
 * exponential backoff and jitter or the receiver's Retry-After, behind a circuit breaker — the calling consumer
 * thread waits meanwhile, so Kafka consumption stops instead of piling events up in memory.
 */
@ApplicationScoped
public class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    private final WebhookClient client;
    private final ForwarderConfig.Webhook webhook;
    private final ForwarderMetrics metrics;
    private final Guard guard;

    public WebhookDelivery(@RestClient WebhookClient client, ForwarderConfig config, ForwarderMetrics metrics) {
        this.client = client;
        this.webhook = config.webhook();
        this.metrics = metrics;
        ForwarderConfig.Retry retry = config.retry();
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

    /** Blocks until the batch is delivered or rejected; only an interrupt (shutdown) ends it otherwise. */
    public DeliveryOutcome deliver(WebhookRequest request) {
        try {
            return guard.call(() -> attempt(request), DeliveryOutcome.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering batch " + request.idempotencyKey(), e);
        } catch (Exception e) {
            throw new IllegalStateException("delivery of batch " + request.idempotencyKey() + " gave up", e);
        }
    }

    private DeliveryOutcome attempt(WebhookRequest request) {
        try (Response response = send(request)) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return new DeliveryOutcome.Delivered(status);
            }
            String excerpt = excerpt(response);
            if (status >= 500 || webhook.retryStatuses().contains(status)) {
                long retryAfterMs = RetryAfter.millis(response.getHeaderString("Retry-After"), Clock.systemUTC());
                throw new RetryableDeliveryException(status, retryAfterMs, "HTTP " + status + ": " + excerpt, null);
            }
            return new DeliveryOutcome.Rejected(status, excerpt);
        }
    }

    private Response send(WebhookRequest request) {
        try {
            return client.post(request.idempotencyKey(), request.signature(), request.body());
        } catch (WebApplicationException e) {
            // The REST client's default mapper turns statuses >= 400 into exceptions; the status is what matters here.
            return e.getResponse();
        } catch (ProcessingException e) {
            throw new RetryableDeliveryException(0, 0, "no answer: " + e.getMessage(), e);
        }
    }

    private String excerpt(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        String body = response.readEntity(String.class);
        return body.length() <= webhook.bodyExcerptChars() ? body : body.substring(0, webhook.bodyExcerptChars());
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
