package io.engagement.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool (Debian package `prometheus`, which ./pipeline installs). */
final class Promtool {

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        String binary = locate();
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static String locate() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("promtool not found on PATH: install Debian's `prometheus` package "
                + "(apt-get install prometheus), as ./pipeline does");
    }
}
