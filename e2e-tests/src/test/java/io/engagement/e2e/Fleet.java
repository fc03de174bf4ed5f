package io.engagement.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The six services and the reference webhook receiver, run as separate processes by ./pipeline exactly as a user
 * runs them. Started once per test JVM; stopped at its end if this JVM started them.
 */
final class Fleet {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("PIPELINE_ROOT", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("webhook-receiver", "ingest-simulator", "stream-processor",
            "redis-projector", "clickhouse-loader", "external-forwarder", "query-api");
    private static boolean started;

    private Fleet() {
    }

    static synchronized void start() {
        if (started) {
            return;
        }
        List<String> wereDown = new ArrayList<>();
        for (String service : SERVICES) {
            if (!running(service)) {
                wereDown.add(service);
            }
        }
        pipeline("start");
        started = true;
        if (!wereDown.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                List<String> command = new ArrayList<>(List.of("stop"));
                command.addAll(wereDown);
                pipeline(command.toArray(String[]::new));
            }));
        }
    }

    static boolean running(String part) {
        Path pidFile = pidFile(part);
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * kill -9 of the part's whole process group (the launcher starts each part in its own session): no shutdown
     * hook, no offset commit, no flush — a crash, PostgreSQL's backends included. Returns once all of it is gone.
     */
    static void crash(String part) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(pidFile(part)).strip());
        if (run("kill", "-9", "--", "-" + pid) != 0 && run("kill", "-9", Long.toString(pid)) != 0) {
            throw new IllegalStateException("kill -9 " + pid + " (" + part + ") failed");
        }
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        await("process group " + pid + " (" + part + ") gone after kill -9").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> run("kill", "-0", "--", "-" + pid) != 0);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    /** Runs ./pipeline with the arguments; a non-zero exit fails the test with the command's output. */
    static void pipeline(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("pipeline").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path pidFile(String part) {
        return home().resolve("run").resolve(part + ".pid");
    }

    static Path logFile(String part) {
        return home().resolve("logs").resolve(part + ".log");
    }

    private static Path home() {
        return Path.of(System.getenv().getOrDefault("PIPELINE_HOME", ROOT.resolve(".pipeline").toString()));
    }
}
