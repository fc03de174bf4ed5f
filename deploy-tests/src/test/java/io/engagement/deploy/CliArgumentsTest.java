package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.engagement.deploy.ShellInvocations.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every third-party CLI argument the repository uses is one the real tool accepts at the pinned version: Helm 4.1.4
 * and kubectl 1.34.5 from their own --help (captured from the real binaries, re-checked here), rpk of Redpanda
 * v24.3.2 and kind v0.29.0 from their release sources (src/test/resources/cli/README.md).
 */
class CliArgumentsTest {

    static final List<String> TOOLS = List.of("rpk", "kubectl", "helm", "kind");

    @Test
    void capturedHelmAndKubectlHelpIsWhatTheRealBinariesPrint() throws Exception {
        for (String tool : List.of("helm", "kubectl")) {
            Path binary = tool.equals("helm") ? Tools.helm4() : Tools.kubectl();
            Path dir = tool.equals("helm") ? CliFlags.DIR.resolve("helm-v4.1.4") : CliFlags.DIR.resolve("kubectl-v1.34.5");
            String version = Tools.run(Tools.DIR, List.of(binary.toString(), "version",
                    tool.equals("kubectl") ? "--client" : "--short"), 60);
            assertTrue(version.contains(tool.equals("helm") ? Tools.HELM_VERSION : Tools.KUBECTL_VERSION), version);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String command = file.getFileName().toString().replaceFirst("\\.txt$", "");
                    List<String> args = new ArrayList<>(List.of(binary.toString()));
                    args.addAll(List.of(command.split("_")));
                    if (!command.equals("options")) {
                        args.add("--help");
                    }
                    String live = Tools.run(Tools.DIR, args, 60);
                    assertEquals(flagSet(Files.readAllLines(file)), flagSet(live.lines().toList()),
                            tool + " " + command + ": " + file + " is not the binary's flag set");
                }
            }
        }
    }

    @Test
    void everyRpkKubectlHelmAndKindInvocationUsesFlagsOfThePinnedVersion() throws Exception {
        List<Invocation> invocations = allInvocations();
        Map<String, Long> perTool = invocations.stream().collect(Collectors.groupingBy(Invocation::tool, TreeMap::new,
                Collectors.counting()));
        // For review: every invocation the check saw.
        Files.writeString(Tools.DIR.resolve("cli-invocations.txt"),
                invocations.stream().map(Invocation::toString).collect(Collectors.joining("\n", "", "\n")));
        for (String tool : TOOLS) {
            assertTrue(perTool.getOrDefault(tool, 0L) > 0, "no " + tool + " invocation found: " + perTool);
        }
        Map<String, CliFlags> flags = new LinkedHashMap<>();
        TOOLS.forEach(t -> flags.put(t, CliFlags.forTool(t)));
        assertAll(invocations.stream().map(inv -> () -> {
            List<String> problems = flags.get(inv.tool()).check(inv.args());
            assertTrue(problems.isEmpty(), inv + " -> " + problems);
        }));
    }

    /** Defect: "--set=redpanda.auto_create_topics_enabled=false" reached the redpanda binary (CrashLoopBackOff). */
    @Test
    void redpandaStartGetsSetAsTwoArgumentsTheWayRpkParsesIt() {
        List<Invocation> starts = chartInvocations().stream()
                .filter(i -> i.tool().equals("rpk") && i.args().size() > 1 && i.args().get(0).equals("redpanda"))
                .toList();
        assertFalse(starts.isEmpty(), "no redpanda start in the chart");
        for (Invocation start : starts) {
            assertEquals(List.of(), CliFlags.rpk().check(start.args()), start.toString());
            assertTrue(start.args().contains("--set"), "auto-create must be turned off: " + start);
        }
    }

    /** Defect: `rpk cluster health --brokers` is not a flag of that command: the wait loop never ended. */
    @Test
    void topicJobWaitsForTheClusterWithAdminApiArgumentsOfRpkClusterHealth() {
        List<Invocation> health = chartInvocations().stream()
                .filter(i -> i.tool().equals("rpk") && i.args().size() > 1 && i.args().get(0).equals("cluster")
                        && i.args().get(1).equals("health"))
                .toList();
        assertFalse(health.isEmpty(), "the topic Job must wait for the cluster");
        for (Invocation h : health) {
            assertEquals(List.of(), CliFlags.rpk().check(h.args()), h.toString());
            assertTrue(h.args().stream().anyMatch(a -> a.startsWith("admin.hosts=") || a.startsWith("--api-urls")),
                    "cluster health needs the admin API address: " + h);
        }
    }

    /** The README examples used to port-forward to host ports that kind-config.yaml already maps (bind fails). */
    @Test
    void portForwardExamplesUseHostPortsThatKindDoesNotMap() throws Exception {
        java.util.Set<Integer> mapped = KindConfigTest.load().nodes().stream()
                .flatMap(n -> n.extraPortMappings() == null ? java.util.stream.Stream.empty() : n.extraPortMappings().stream())
                .map(KindConfigTest.PortMapping::hostPort).collect(Collectors.toSet());
        List<Invocation> forwards = allInvocations().stream()
                .filter(i -> i.tool().equals("kubectl") && i.args().contains("port-forward")).toList();
        assertFalse(forwards.isEmpty());
        for (Invocation f : forwards) {
            for (String arg : f.args()) {
                if (arg.matches("\\d+:\\d+")) {
                    int local = Integer.parseInt(arg.substring(0, arg.indexOf(':')));
                    assertFalse(mapped.contains(local), f + ": host port " + local + " is mapped by kind-config.yaml " + mapped);
                }
            }
        }
    }

    @Test
    void theCheckRejectsWhatTheRealToolsReject() {
        assertFalse(CliFlags.rpk().check(List.of("cluster", "health", "--brokers", "x:9092", "--exit-when-healthy")).isEmpty());
        assertFalse(CliFlags.rpk().check(List.of("redpanda", "start", "--set=redpanda.auto_create_topics_enabled=false")).isEmpty());
        assertEquals(List.of(), CliFlags.rpk().check(List.of("redpanda", "start", "--set", "redpanda.a=b", "--default-log-level=warn")));
        assertFalse(CliFlags.rpk().check(List.of("cluster", "health", "-X", "admin.host=x:9644")).isEmpty());
        assertFalse(CliFlags.kind().check(List.of("create", "cluster", "--nmae", "x")).isEmpty());
        assertFalse(CliFlags.helm().check(List.of("upgrade", "--install", "r", "c", "--namespce", "x")).isEmpty());
        assertFalse(CliFlags.kubectl().check(List.of("rollout", "stauts", "deployment/x")).isEmpty());
        assertEquals(List.of(), CliFlags.kubectl().check(List.of("-n", "x", "wait", "--for=condition=Ready", "kafkaconnect/x", "--timeout=1s")));
    }

    // --- where invocations come from

    static List<Invocation> allInvocations() throws Exception {
        List<Invocation> all = new ArrayList<>();
        for (String script : List.of("k8s/up.sh", "k8s/down.sh")) {
            all.addAll(ShellInvocations.find(script, Files.readString(Repo.ROOT.resolve(script)), TOOLS));
        }
        all.addAll(ShellInvocations.find("k8s/README.md",
                ShellInvocations.markdownCode(Files.readString(Repo.ROOT.resolve("k8s/README.md"))), TOOLS));
        String readme = Files.readString(Repo.ROOT.resolve("README.md"));
        int start = readme.indexOf("## Run on Kubernetes");
        int end = readme.indexOf("\n## ", start + 1);
        all.addAll(ShellInvocations.find("README.md#run-on-kubernetes",
                ShellInvocations.markdownCode(readme.substring(start, end < 0 ? readme.length() : end)), TOOLS));
        all.addAll(chartInvocations());
        return all;
    }

    /** rpk (and any other tool) in the rendered containers: the Redpanda image's entrypoint runs rpk with the args. */
    static List<Invocation> chartInvocations() {
        List<Invocation> found = new ArrayList<>();
        for (var values : List.of(Map.entry("defaults", ChartRenderer.defaults()), Map.entry("kind", ChartRenderer.kind()))) {
            for (JsonNode object : values.getValue()) {
                String name = values.getKey() + " " + object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
                for (JsonNode c : object.path("spec").path("template").path("spec").path("containers")) {
                    List<String> command = new ArrayList<>();
                    c.path("command").forEach(a -> command.add(a.asText()));
                    List<String> args = new ArrayList<>();
                    c.path("args").forEach(a -> args.add(a.asText()));
                    String image = c.path("image").asText();
                    if (command.isEmpty() && image.contains("redpanda") && !args.isEmpty()) {
                        found.add(new Invocation(name, "rpk", args));
                    }
                    List<String> all = new ArrayList<>(command);
                    all.addAll(args);
                    for (int i = 0; i + 1 < all.size(); i++) {
                        if (all.get(i).matches("-[a-z]*c")) {
                            found.addAll(ShellInvocations.find(name, all.get(i + 1), TOOLS));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, Boolean> flagSet(List<String> lines) {
        Map<String, CliFlags.Flag> own = new LinkedHashMap<>();
        Map<String, CliFlags.Flag> globals = new LinkedHashMap<>();
        CliFlags.parseHelp(lines, own, globals);
        Map<String, Boolean> set = new TreeMap<>();
        own.forEach((k, f) -> set.put(k, f.takesValue()));
        globals.forEach((k, f) -> set.put("global " + k, f.takesValue()));
        return set;
    }
}
