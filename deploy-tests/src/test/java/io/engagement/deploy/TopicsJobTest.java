package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topics Job's script, rendered by the real Helm 4 as `helm upgrade` renders it, run by bash against a fake rpk
 * (src/test/resources/topics-job-stubs/rpk) that answers with rpk v24.3.2's tables and exit codes. An upgrade must
 * leave existing topics with the configs of stack/topics.conf, as the local launcher's StackAdmin create-topics does,
 * and stop the Job on any setting the broker does not take.
 */
class TopicsJobTest {

    record Run(int exitCode, String output, List<List<String>> calls) {

        List<List<String>> calls(String command) {
            List<String> path = Arrays.asList(command.split(" "));
            return calls.stream().filter(c -> c.size() >= path.size() && c.subList(0, path.size()).equals(path)).toList();
        }
    }

    static List<String> command;
    static String script;
    static List<Topic> topics;

    @BeforeAll
    static void renderTheJobAsAnUpgradeDoes() {
        String yaml = Tools.run(Tools.DIR, List.of(Tools.helm4().toString(), "template", ChartRenderer.RELEASE,
                Repo.CHART.toString(), "--namespace", ChartRenderer.NAMESPACE, "--is-upgrade",
                "--show-only", "templates/topics-job.yaml"), 120);
        // Helm 4 logs (level=INFO, the chart's symlinks) into the same merged output
        yaml = yaml.lines().filter(l -> !l.startsWith("level=")).collect(Collectors.joining("\n"));
        JsonNode container = ChartRenderer.parse(yaml).get(0).path("spec").path("template").path("spec")
                .path("containers").get(0);
        command = new ArrayList<>();
        container.path("command").forEach(a -> command.add(a.asText()));
        script = container.path("args").get(0).asText();
        topics = Topic.readAll(Repo.TOPICS_CONF);
    }

    @Test
    void onUpgradeEveryExistingTopicGetsTheConfigsOfTopicsConfSet() throws Exception {
        Run run = run(Map.of("RPK_EXISTING", names()));
        assertEquals(0, run.exitCode(), run.output());
        List<List<String>> alters = run.calls("topic alter-config");
        assertEquals(topics.stream().map(Topic::name).toList(), alters.stream().map(c -> c.get(2)).toList(), run.output());
        assertAll(topics.stream().map(topic -> () -> {
            List<String> alter = alters.stream().filter(c -> c.get(2).equals(topic.name())).findFirst().orElseThrow();
            assertEquals(List.of(), CliFlags.rpk().check(alter), alter.toString());
            assertEquals(topic.configs(), valuesOf(alter, "--set"), topic.name() + ": " + alter);
            assertEquals(valuesOf(create(run, topic), "-X"), valuesOf(alter, "-X"), "alter must reach the same brokers");
        }));
    }

    @Test
    void onAFreshInstallTopicsAreCreatedWithTheirConfigsAndNotAltered() throws Exception {
        Run run = run(Map.of());
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of(), run.calls("topic alter-config"), run.output());
        assertAll(topics.stream().map(topic -> () ->
                assertEquals(topic.configs(), valuesOf(create(run, topic), "--topic-config"), topic.name())));
    }

    @Test
    void aConfigTheBrokerRefusesOnAlterFailsTheJobNamingTheTopic() throws Exception {
        Run run = run(Map.of("RPK_EXISTING", names(), "RPK_REFUSE", "engagements.dlq"));
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("topic engagements.dlq:") && run.output().contains("INVALID_CONFIG"), run.output());
    }

    @Test
    void aCreateFailureOtherThanAlreadyExistsFailsTheJobNamingTheTopic() throws Exception {
        Run run = run(Map.of("RPK_CREATE_REFUSE", "engagements.dlq"));
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("topic engagements.dlq:") && run.output().contains("INVALID_CONFIG"), run.output());
        assertEquals(List.of(), run.calls("topic alter-config"), run.output());
    }

    private static String names() {
        return topics.stream().map(Topic::name).collect(Collectors.joining(" "));
    }

    private static List<String> create(Run run, Topic topic) {
        return run.calls("topic create").stream().filter(c -> c.get(2).equals(topic.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no rpk topic create " + topic.name() + ":\n" + run.output()));
    }

    /** The values of a repeatable flag given as two arguments (--set k=v). */
    private static List<String> valuesOf(List<String> args, String flag) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(flag)) {
                values.add(args.get(++i));
            }
        }
        return values;
    }

    private static Run run(Map<String, String> env) throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Tools.DIR), "topics-job");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path rpk = bin.resolve("rpk");
        Files.copy(Path.of(System.getProperty("user.dir")).resolve("src/test/resources/topics-job-stubs/rpk"), rpk);
        rpk.toFile().setExecutable(true);
        Path log = work.resolve("rpk.log");
        Files.createFile(log);
        List<String> argv = new ArrayList<>(command);
        argv.add(script);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("RPK_LOG", log.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the topics script did not finish:\n" + out);
        List<List<String>> calls = Files.readAllLines(log).stream()
                .map(line -> Arrays.asList(line.split("\u001f")))
                .toList();
        return new Run(p.exitValue(), out, calls);
    }
}
