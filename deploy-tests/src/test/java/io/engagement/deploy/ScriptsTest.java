package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind scripts cannot run here (no Docker); bash must at least parse them. */
class ScriptsTest {

    @Test
    void kindScriptsParseWithBashNoExec() throws Exception {
        for (String script : List.of("k8s/up.sh", "k8s/down.sh")) {
            Path file = Repo.ROOT.resolve(script);
            assertTrue(Files.isExecutable(file), script + " must be executable");
            Process p = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), script + ": " + out);
        }
    }

    @Test
    void upScriptBuildsEveryServiceImageFromItsDockerfile() throws Exception {
        String up = Files.readString(Repo.ROOT.resolve("k8s/up.sh"));
        for (String service : HelmChartTest.PIPELINE_SERVICES) {
            assertTrue(up.contains(service), "k8s/up.sh does not build " + service);
            assertTrue(Files.isRegularFile(Repo.ROOT.resolve(service + "/src/main/docker/Dockerfile.jvm")), service);
        }
    }
}
