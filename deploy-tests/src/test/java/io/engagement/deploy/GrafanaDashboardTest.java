package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboards: strict JSON with the fields Grafana's dashboard schema requires of a dashboard, its panels and
 * their Prometheus targets; every PromQL expression parsed by promtool; every metric listed for the live
 * scrape check of the end-to-end test.
 */
class GrafanaDashboardTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private static final Pattern METRIC = Pattern.compile("\\b((?:pipeline|kafka)_[a-z0-9_]+)\\b");
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat");

    static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(Repo.DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void dashboardsHaveTheFieldsGrafanaRequires() throws Exception {
        assertFalse(dashboards().isEmpty());
        for (Path file : dashboards()) {
            JsonNode d = JSON.readTree(Files.readString(file));
            String where = file.getFileName().toString();
            for (String field : List.of("uid", "title", "schemaVersion", "panels", "time", "templating", "annotations")) {
                assertTrue(d.has(field), where + " lacks " + field);
            }
            assertTrue(d.path("schemaVersion").isInt() && d.path("schemaVersion").asInt() >= 36, where + " schemaVersion");
            assertTrue(d.path("uid").asText().matches("[a-zA-Z0-9_-]{1,40}"), where + " uid");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                String p = where + " panel " + panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), p + " id not unique");
                assertTrue(PANEL_TYPES.contains(panel.path("type").asText()), p + " type");
                assertFalse(panel.path("title").asText().isBlank(), p + " title");
                for (String g : List.of("h", "w", "x", "y")) {
                    assertTrue(panel.path("gridPos").path(g).isInt(), p + " gridPos." + g);
                }
                assertTrue(panel.path("gridPos").path("x").asInt() + panel.path("gridPos").path("w").asInt() <= 24, p + " width");
                assertEquals("prometheus", panel.path("datasource").path("type").asText(), p + " datasource");
                assertFalse(panel.path("targets").isEmpty(), p + " targets");
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertTrue(refIds.add(target.path("refId").asText()), p + " refId not unique");
                    assertFalse(target.path("expr").asText().isBlank(), p + " expr");
                }
            }
        }
    }

    @Test
    void latencyPanelShowsP50P95P99PerSinkAgainstTheFiveSecondLine() throws Exception {
        JsonNode d = JSON.readTree(Files.readString(Repo.DASHBOARDS.resolve("pipeline-latency.json")));
        JsonNode e2e = d.path("panels").get(0);
        List<String> exprs = new ArrayList<>();
        e2e.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        for (String q : List.of("0.5", "0.95", "0.99")) {
            assertTrue(exprs.stream().anyMatch(e -> e.startsWith("histogram_quantile(" + q + ", sum by (sink, le)")
                    && e.contains("pipeline_e2e_latency_seconds_bucket")), "p" + q + " in " + exprs);
        }
        JsonNode steps = e2e.path("fieldConfig").path("defaults").path("thresholds").path("steps");
        assertEquals(5.0, steps.get(steps.size() - 1).path("value").asDouble());
        assertEquals("s", e2e.path("fieldConfig").path("defaults").path("unit").asText());
    }

    @Test
    void everyDashboardExpressionParsesAsPromql(@TempDir Path dir) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
        int n = 0;
        for (String expr : expressions()) {
            // Grafana's interval variables are not PromQL; promtool gets a fixed range in their place.
            String promql = expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
                    .replace("$__range", "1h").replace("$sink", ".*");
            rules.append("      - record: dashboard:expr_").append(n++).append("\n        expr: ")
                    .append(JSON.writeValueAsString(promql)).append('\n');
        }
        Path file = dir.resolve("dashboard-expressions.yaml");
        Files.writeString(file, rules);
        Promtool.Result result = Promtool.run("check", "rules", file.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: " + n + " rules found"), result.output());
    }

    @Test
    void metricNamesFileListsExactlyTheServiceMetricsThatDashboardsAndAlertsUse() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String expr : expressions()) {
            collect(expr, used);
        }
        for (JsonNode group : new YAMLMapper().readTree(Files.readString(Repo.ALERT_RULES)).path("groups")) {
            group.path("rules").forEach(rule -> collect(rule.path("expr").asText(), used));
        }
        Set<String> listed = new TreeSet<>(Files.readAllLines(Repo.METRIC_NAMES).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        assertEquals(used, listed, "monitoring/metric-names.txt (checked against a live scrape by the e2e test)");
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Set<String> expressions() throws Exception {
        Set<String> exprs = new LinkedHashSet<>();
        for (Path file : dashboards()) {
            JSON.readTree(Files.readString(file)).path("panels")
                    .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        }
        return exprs;
    }
}
