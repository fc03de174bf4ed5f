package io.engagement.query.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.engagement.query.client.PrometheusResponse;
import io.engagement.query.config.LivePageConfig;
import io.engagement.query.dashboard.Dashboard;
import io.engagement.query.dashboard.PromqlTemplate;
import io.engagement.query.health.AnalyticsHealthCheck;
import io.engagement.query.health.RedisReadinessCheck;
import io.smallrye.health.api.HealthGroup;

/**
 * Which part is up: the services from the dashboard's "Services up" query (Prometheus' {@code up} per service,
 * 0 from the first failed scrape on), Prometheus itself, and Redis and ClickHouse by query-api's own health
 * checks, which keep answering while Prometheus is down.
 */
@ApplicationScoped
public class PartStatuses {
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final LivePageConfig config;
    private final Dashboard dashboard;
    private final PrometheusQueries prometheus;
    private final RedisReadinessCheck redis;
    private final AnalyticsHealthCheck clickhouse;

    public PartStatuses(LivePageConfig config, Dashboard dashboard, PrometheusQueries prometheus,
            @Readiness RedisReadinessCheck redis, @HealthGroup("analytics") AnalyticsHealthCheck clickhouse) {
        this.config = config;
        this.dashboard = dashboard;
        this.prometheus = prometheus;
        this.redis = redis;
        this.clickhouse = clickhouse;
    }

    public PartsStatus status() {
        Map<String, PartsStatus.Part> services = new LinkedHashMap<>();
        config.services().forEach(s -> services.put(s, new PartsStatus.Part(s, "unknown", "prometheus", "not scraped yet")));
        List<PartsStatus.Alert> alerts = new ArrayList<>();
        PartsStatus.Part prometheusPart;
        try {
            for (PrometheusResponse.Sample sample : prometheus.instant(statusQuery())) {
                String service = sample.metric().getOrDefault("service", "?");
                boolean up = "1".equals(String.valueOf(sample.value().get(1)));
                services.put(service, new PartsStatus.Part(service, up ? "up" : "down", "prometheus",
                        up ? "scraped" : "Prometheus cannot scrape its /q/metrics"));
            }
            for (var alert : prometheus.alerts()) {
                alerts.add(new PartsStatus.Alert(alert.labels().get("alertname"), alert.state(),
                        alert.labels().get("severity"), alert.annotations() == null ? null : alert.annotations().get("summary")));
            }
            prometheusPart = new PartsStatus.Part("prometheus", "up", "query-api", "answers queries");
        } catch (PrometheusException e) {
            services.replaceAll((name, part) -> new PartsStatus.Part(name, "unknown", "prometheus", "Prometheus is down"));
            prometheusPart = new PartsStatus.Part("prometheus", "down", "query-api", e.getMessage());
        }
        List<PartsStatus.Part> parts = new ArrayList<>(services.values());
        parts.add(prometheusPart);
        parts.add(check("redis", () -> redis.call().await().atMost(CHECK_TIMEOUT)));
        parts.add(check("clickhouse", clickhouse));
        return new PartsStatus(Instant.now(), List.copyOf(parts), List.copyOf(alerts));
    }

    /** The instant query of the dashboard's status panel. */
    public String statusQuery() {
        Dashboard.Panel panel = dashboard.panel(config.statusPanel()).orElseThrow(() -> new IllegalStateException(
                "status panel " + config.statusPanel() + " is not in dashboard " + dashboard.uid()));
        Dashboard.Target target = panel.targets().get(0);
        return PromqlTemplate.render(target.expr(), dashboard.variables(), config.step(), config.scrapeInterval(),
                config.range());
    }

    private static PartsStatus.Part check(String name, HealthCheck check) {
        try {
            HealthCheckResponse response = check.call();
            boolean up = response.getStatus() == HealthCheckResponse.Status.UP;
            String detail = response.getData().map(d -> String.valueOf(d.get("error"))).orElse(up ? "ready" : "not ready");
            return new PartsStatus.Part(name, up ? "up" : "down", "query-api", detail);
        } catch (RuntimeException e) {
            return new PartsStatus.Part(name, "down", "query-api", String.valueOf(e.getMessage()));
        }
    }
}
