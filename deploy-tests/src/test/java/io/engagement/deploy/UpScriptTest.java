package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/up.sh run end to end against stub docker / kind / kubectl / helm / mvn (src/test/resources/up-sh-stubs) that
 * record an ordered transcript and fail the way the real tools do: kubectl and helm on a namespace that does not exist
 * (the Strimzi chart's RoleBindings go into every watched namespace), docker push of an image never built, docker
 * build of a missing Dockerfile or plugin folder. The engagement chart is rendered by the real Helm 4 with the values
 * up.sh passes, so the images it references are the ones up.sh pushed. REGISTRY_PORT is not the default.
 */
class UpScriptTest {

    static final String REGISTRY_PORT = "5999";
    static int exitCode;
    static String output;
    static List<String> transcript;
    static List<JsonNode> chart;

    @BeforeAll
    static void runUpShAgainstStubs() throws Exception {
        Path work = Files.createDirectories(Tools.DIR.resolve("up-sh"));
        try (Stream<Path> old = Files.walk(work)) {
            old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(work)).forEach(p -> p.toFile().delete());
        }
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path state = Files.createDirectories(work.resolve("state"));
        Path stubs = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/up-sh-stubs");
        try (Stream<Path> files = Files.list(stubs)) {
            for (Path stub : files.toList()) {
                Path copy = bin.resolve(stub.getFileName());
                Files.copy(stub, copy);
                copy.toFile().setExecutable(true);
            }
        }
        ProcessBuilder pb = new ProcessBuilder("bash", Repo.ROOT.resolve("k8s/up.sh").toString())
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("STUB_STATE", state.toString());
        pb.environment().put("REAL_HELM", Tools.helm4().toString());
        pb.environment().put("REGISTRY_PORT", REGISTRY_PORT);
        pb.environment().put("HELM_CACHE_HOME", Tools.DIR.resolve("helm-home/cache").toString());
        pb.environment().put("HELM_CONFIG_HOME", Tools.DIR.resolve("helm-home/config").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "k8s/up.sh did not finish");
        exitCode = p.exitValue();
        Path t = state.resolve("transcript");
        transcript = Files.exists(t) ? Files.readAllLines(t) : List.of();
        Path rendered = state.resolve("chart.yaml");
        chart = Files.exists(rendered) ? ChartRenderer.parse(Files.readString(rendered)) : List.of();
    }

    @Test
    void upScriptRunsEndToEndAgainstStubsThatFailLikeTheRealTools() {
        assertEquals(0, exitCode, "k8s/up.sh failed:\n" + output + "\ntranscript:\n" + String.join("\n", transcript));
        assertTrue(transcript.stream().noneMatch(l -> l.startsWith("FAILED")), String.join("\n", transcript));
        assertFalse(chart.isEmpty(), "the engagement chart was never installed");
    }

    /** Defect: the Strimzi operator was installed with watchNamespaces={engagement} before that namespace existed. */
    @Test
    void namespaceExistsBeforeTheStrimziOperatorBindsRolesIntoIt() {
        int namespace = indexOf(l -> l.equals("= namespace engagement created"), "the engagement namespace created");
        int strimzi = indexOf(l -> l.startsWith("helm upgrade --install strimzi "), "helm upgrade --install strimzi");
        assertTrue(transcript.stream().noneMatch(l -> l.startsWith("FAILED helm") || l.startsWith("FAILED kubectl")),
                String.join("\n", transcript));
        assertTrue(namespace >= 0 && strimzi > namespace, String.join("\n", transcript));
        String install = transcript.get(strimzi);
        assertTrue(install.contains("oci://quay.io/strimzi-helm/strimzi-kafka-operator") && install.contains("--version 0.51.0"),
                "Strimzi's OCI chart, pinned: " + install);
    }

    @Test
    void everyImageTheChartReferencesIsBuiltAndPushedBeforeTheChartIsInstalled() throws Exception {
        int install = indexOf(l -> l.startsWith("helm upgrade --install engagement "), "helm upgrade --install engagement");
        Set<String> pushedBefore = new TreeSet<>();
        for (int i = 0; i < install; i++) {
            if (transcript.get(i).startsWith("docker push ")) {
                String[] words = transcript.get(i).split(" ");
                pushedBefore.add(words[words.length - 1]);
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (JsonNode o : chart) {
            o.findValues("image").forEach(i -> {
                if (i.isTextual() && i.asText().startsWith("localhost:")) {
                    referenced.add(i.asText());
                }
            });
        }
        assertTrue(referenced.size() >= 8, "7 services + Kafka Connect: " + referenced);
        assertEquals(referenced, pushedBefore);
        JsonNode connect = HelmChartTest.first(chart, "KafkaConnect", "engagement-connect");
        assertNull(connect.path("spec").get("build"), "no in-cluster build");
        assertTrue(connect.path("spec").path("image").asText().contains("/engagement/connect-debezium:"), connect.toString());
    }

    @Test
    void registryPortReachesTheChart() {
        List<String> images = new ArrayList<>();
        chart.forEach(o -> o.findValues("image").forEach(i -> images.add(i.asText())));
        List<String> ours = images.stream().filter(i -> i.contains("/engagement/")).toList();
        assertFalse(ours.isEmpty());
        assertTrue(ours.stream().allMatch(i -> i.startsWith("localhost:" + REGISTRY_PORT + "/")), ours.toString());
        assertTrue(transcript.stream().anyMatch(l -> l.startsWith("docker run ") && l.contains("127.0.0.1:" + REGISTRY_PORT + ":5000")),
                "the registry listens on REGISTRY_PORT");
    }

    private static int indexOf(java.util.function.Predicate<String> line, String what) {
        for (int i = 0; i < transcript.size(); i++) {
            if (line.test(transcript.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + what + " in the transcript:\n" + String.join("\n", transcript) + "\n" + output);
    }
}
