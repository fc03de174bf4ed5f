package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus `./pipeline up` runs (stack/config/prometheus.yml, targets from the launcher's service list) is the
 * chart's Prometheus on local ports: same intervals, job, metrics path and rule files, and it scrapes the services
 * the chart's pods are. What the live page and /classic/alerts show locally is then what the cluster would show.
 */
class LocalPrometheusTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path LOCAL_CONFIG = Repo.ROOT.resolve("stack/config/prometheus.yml");
    private static final Pattern LAUNCHER_SERVICES = Pattern.compile("(?m)^SERVICES=\\(([^)]*)\\)");

    @Test
    void scrapesAndEvaluatesLikeTheChartsPrometheus() throws Exception {
        JsonNode configMap = HelmChartTest.first(ChartRenderer.defaults(), "ConfigMap", "engagement-prometheus");
        JsonNode chart = YAML.readTree(configMap.path("data").path("prometheus.yml").asText());
        // @STATE@ is the one placeholder the launcher fills in; its value does not matter here.
        JsonNode local = YAML.readTree(Files.readString(LOCAL_CONFIG).replace("@STATE@", "/state"));

        assertEquals(chart.path("global"), local.path("global"), "scrape and evaluation intervals");
        assertEquals(jobNames(chart), jobNames(local));
        assertEquals(List.of(chartMetricsPath()), List.of(local.path("scrape_configs").get(0).path("metrics_path").asText()));
        // Both load every *.yaml of their rules directory: in the chart the ConfigMap's rule keys, locally the launcher's
        // copies of monitoring/rules without the promtool unit tests. Those are the same files.
        assertEquals(1, chart.path("rule_files").size());
        assertEquals(1, local.path("rule_files").size());
        assertEquals("*.yaml", Path.of(chart.path("rule_files").get(0).asText()).getFileName().toString());
        assertEquals("*.yaml", Path.of(local.path("rule_files").get(0).asText()).getFileName().toString());
        TreeSet<String> chartRules = new TreeSet<>();
        configMap.path("data").fieldNames().forEachRemaining(k -> {
            if (!k.equals("prometheus.yml")) {
                chartRules.add(k);
            }
        });
        try (Stream<Path> files = Files.list(Repo.ALERT_RULES.getParent())) {
            TreeSet<String> localRules = new TreeSet<>(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.endsWith(".test.yaml")).toList());
            assertEquals(chartRules, localRules);
        }
    }

    @Test
    void theLauncherScrapesEveryServiceTheChartScrapes() throws Exception {
        TreeSet<String> chart = new TreeSet<>();
        for (JsonNode o : ChartRenderer.defaults()) {
            JsonNode template = o.path("spec").path("template").path("metadata");
            if (o.path("kind").asText().equals("Deployment")
                    && template.path("annotations").path("prometheus.io/scrape").asText().equals("true")) {
                chart.add(template.path("labels").path("app.kubernetes.io/name").asText());
            }
        }
        Matcher m = LAUNCHER_SERVICES.matcher(Files.readString(Repo.ROOT.resolve("pipeline")));
        assertEquals(true, m.find(), "SERVICES=(...) in ./pipeline");
        TreeSet<String> local = new TreeSet<>(List.of(m.group(1).trim().split("\\s+")));
        assertEquals(7, chart.size(), chart.toString());
        assertEquals(chart, local);
    }

    private static List<String> jobNames(JsonNode config) {
        List<String> names = new ArrayList<>();
        config.path("scrape_configs").forEach(job -> names.add(job.path("job_name").asText()));
        return names;
    }

    private static String chartMetricsPath() {
        TreeSet<String> paths = new TreeSet<>();
        for (JsonNode o : ChartRenderer.defaults()) {
            JsonNode annotations = o.path("spec").path("template").path("metadata").path("annotations");
            if (o.path("kind").asText().equals("Deployment") && annotations.has("prometheus.io/path")) {
                paths.add(annotations.path("prometheus.io/path").asText());
            }
        }
        assertEquals(1, paths.size(), "one metrics path for every pod: " + paths);
        return paths.first();
    }
}
