package io.engagement.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository; the tests run with the deploy-tests module as working directory. */
final class Repo {

    static final Path ROOT = locateRoot();
    static final Path CHART = ROOT.resolve("helm/engagement-pipeline");
    static final Path KIND_VALUES = CHART.resolve("values-kind.yaml");
    static final Path MONITORING = ROOT.resolve("monitoring");
    static final Path ALERT_RULES = MONITORING.resolve("rules/pipeline-alerts.yaml");
    static final Path ALERT_TESTS = MONITORING.resolve("rules/pipeline-alerts.test.yaml");
    static final Path DASHBOARDS = MONITORING.resolve("dashboards");
    static final Path METRIC_NAMES = MONITORING.resolve("metric-names.txt");
    static final Path CONNECTOR_JSON = ROOT.resolve("stack/connectors/engagement-postgres.json");
    static final Path TOPICS_CONF = ROOT.resolve("stack/topics.conf");
    static final Path KIND_CONFIG = ROOT.resolve("kind-config.yaml");

    private Repo() {
    }

    private static Path locateRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("kind-config.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no kind-config.yaml above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
