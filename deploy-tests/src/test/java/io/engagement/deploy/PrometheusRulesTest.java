package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PrometheusRulesTest {

    @Test
    void alertRulesPassPromtoolCheckRules() throws Exception {
        Promtool.Result result = Promtool.run("check", "rules", Repo.ALERT_RULES.toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTests() throws Exception {
        Promtool.Result result = Promtool.run("test", "rules", Repo.ALERT_TESTS.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void eachAlertHasAFiringUnitTest() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : yaml.readTree(Files.readString(Repo.ALERT_RULES)).path("groups")) {
            group.path("rules").forEach(rule -> alerts.add(rule.path("alert").asText()));
        }
        Set<String> firing = new TreeSet<>();
        for (JsonNode test : yaml.readTree(Files.readString(Repo.ALERT_TESTS)).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firing.add(check.path("alertname").asText());
                }
            }
        }
        assertEquals(Set.of("PipelineE2eLatencyP99AboveTarget", "PipelineDlqRecords", "PipelineConsumerLagHigh",
                "PipelineConsumerLagGrowing", "PipelineServiceDown", "PipelineSourceConnectorNotRunning",
                "PipelineReplicationSlotLagHigh", "PipelineNoInputWhileSourceChanges", "PipelineSourceSchemaDrift"), alerts);
        assertEquals(alerts, firing);
    }
}
