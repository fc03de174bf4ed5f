package io.engagement.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.engagement.query.dashboard.Dashboard;
import io.engagement.query.dashboard.DashboardLoader;
import io.engagement.query.dashboard.PromqlTemplate;

/**
 * The live page's one source of PromQL is the Grafana dashboard of monitoring/dashboards: the jar carries that
 * very file (not an edited copy), and every expression of the panels the page shows renders to PromQL.
 */
class DashboardSourceTest {
    static final Path REPO_DASHBOARD = Path.of("..", "monitoring", "dashboards", "pipeline-latency.json");

    @Test
    void theJarCarriesTheDashboardGrafanaProvisions() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dashboards/pipeline-latency.json")) {
            assertThat(in).as("dashboards/pipeline-latency.json on the classpath").isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(REPO_DASHBOARD));
        }
    }

    @Test
    void thePagesPanelsAreInTheDashboardWithTheirTargets() throws Exception {
        Dashboard dashboard = DashboardLoader.parse(new ObjectMapper().readTree(REPO_DASHBOARD.toFile()));
        Dashboard.Panel latency = dashboard.panel(1).orElseThrow();
        assertThat(latency.title()).contains("latency");
        assertThat(latency.thresholds()).containsExactly(5.0);
        assertThat(latency.targets()).extracting(Dashboard.Target::refId).contains("A", "C");
        assertThat(latency.targets().get(0).expr()).startsWith("histogram_quantile(0.5,");
        assertThat(latency.targets().get(2).expr()).startsWith("histogram_quantile(0.99,");
        assertThat(dashboard.panel(4).orElseThrow().targets().get(0).expr()).contains("pipeline_records_in_total");
        assertThat(dashboard.panel(5).orElseThrow().targets().get(0).expr()).contains("records_lag_max");
        assertThat(dashboard.panel(6).orElseThrow().targets().get(0).expr()).contains("pipeline_dlq_records_total");
        Dashboard.Target up = dashboard.panel(7).orElseThrow().targets().get(0);
        assertThat(up.instant()).isTrue();
        assertThat(up.expr()).contains("up{job=\"pipeline-services\"}");
        for (Dashboard.Panel panel : dashboard.panels()) {
            for (Dashboard.Target target : panel.targets()) {
                String promql = PromqlTemplate.render(target.expr(), dashboard.variables(), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofMinutes(10));
                assertThat(promql).as(target.expr()).doesNotContain("$");
            }
        }
    }

    @Test
    void variablesBecomeWhatGrafanaSends() {
        Map<String, String> all = Map.of("sink", ".*");
        assertThat(PromqlTemplate.render("rate(x{sink=~\"$sink\"}[$__rate_interval])", all, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(10))).isEqualTo("rate(x{sink=~\".*\"}[20s])");
        // Grafana: max(step + scrape interval, 4 x scrape interval).
        assertThat(PromqlTemplate.render("rate(x[${__rate_interval}]) / $__range", all, Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofMinutes(10))).isEqualTo("rate(x[65s]) / 600s");
        assertThatThrownBy(() -> PromqlTemplate.render("x{a=\"$nope\"}", all, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(10))).hasMessageContaining("$nope");
    }
}
