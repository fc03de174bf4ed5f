package io.engagement.processor.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * The built processor ({@code target/quarkus-app/quarkus-run.jar}) as a real OS process, so tests can run several
 * instances of one application id and kill one with SIGKILL.
 */
public final class ProcessorProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final String name;
    private final int httpPort;
    private final Path stateDir;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;

    /** @param properties system properties for the instance (topics, application id, ...) */
    public ProcessorProcess(String name, Path stateDir, Map<String, String> properties) {
        this.name = name;
        this.httpPort = freePort();
        this.stateDir = stateDir;
        this.properties = properties;
        this.log = Path.of("target", "it-logs", name + ".log");
    }

    public ProcessorProcess start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run mvn package first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseSerialGC"));
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-Dkafka-streams.state.dir=" + stateDir);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
        return this;
    }

    /** Waits for /q/health/ready (Kafka Streams RUNNING). */
    public ProcessorProcess awaitReady(Duration timeout) {
        Awaitility.await(name + " ready (log: " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return httpStatus("/q/health/ready") == 200;
                });
        return this;
    }

    public String metrics() throws IOException {
        HttpURLConnection connection = open("/q/metrics");
        try (var in = connection.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Sum of a metric's samples whose line starts with {@code prefix} (name plus optional label text). */
    public double metric(String prefix) throws IOException {
        return metrics().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
    public void kill9() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    private int httpStatus(String path) {
        try {
            return open(path).getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL()
                .openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        return connection;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
