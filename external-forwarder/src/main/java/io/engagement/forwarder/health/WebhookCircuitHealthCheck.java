package io.engagement.forwarder.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.engagement.forwarder.config.ForwarderConfig;
import io.engagement.forwarder.metrics.ForwarderMetrics;

/** Not ready while the webhook circuit is open: the forwarder is alive but cannot deliver (events wait in Kafka). */
@Readiness
@ApplicationScoped
public class WebhookCircuitHealthCheck implements HealthCheck {
    private final ForwarderMetrics metrics;
    private final ForwarderConfig config;

    public WebhookCircuitHealthCheck(ForwarderMetrics metrics, ForwarderConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("webhook")
                .status(!metrics.isCircuitOpen())
                .withData("url", config.webhook().url())
                .withData("circuit", metrics.isCircuitOpen() ? "open" : "closed")
                .build();
    }
}
