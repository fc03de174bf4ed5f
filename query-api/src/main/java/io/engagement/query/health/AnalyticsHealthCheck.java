package io.engagement.query.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.engagement.query.clickhouse.AnalyticsQueries;
import io.smallrye.health.api.HealthGroup;

/**
 * Analytics can answer: ClickHouse is reachable and holds the engagement_events table. Its own group
 * ({@code /q/health/group/analytics}), not readiness: a not-ready pod leaves its Kubernetes Service, and a ClickHouse
 * outage must not take the Redis-backed endpoints offline with it — analytics answer 503 on their own meanwhile.
 */
@HealthGroup("analytics")
@ApplicationScoped
public class AnalyticsHealthCheck implements HealthCheck {
    private final AnalyticsQueries analytics;

    AnalyticsHealthCheck(AnalyticsQueries analytics) {
        this.analytics = analytics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("clickhouse").status(analytics.ready()).build();
    }
}
