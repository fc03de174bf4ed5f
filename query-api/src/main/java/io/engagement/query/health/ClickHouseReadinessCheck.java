package io.engagement.query.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.engagement.query.clickhouse.AnalyticsQueries;

/** Analytics can answer: ClickHouse is reachable and holds the engagement_events table. */
@Readiness
@ApplicationScoped
public class ClickHouseReadinessCheck implements HealthCheck {
    private final AnalyticsQueries analytics;

    ClickHouseReadinessCheck(AnalyticsQueries analytics) {
        this.analytics = analytics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("clickhouse").status(analytics.ready()).build();
    }
}
