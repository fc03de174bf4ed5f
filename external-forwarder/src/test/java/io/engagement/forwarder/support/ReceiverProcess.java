package io.engagement.forwarder.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the real webhook-receiver (its built jar, built before this module in the reactor) as a separate process on a
 * free port, with a random secret shared with the forwarder under test. Tests may stop and restart it on the same
 * port to simulate an outage.
 */
public class ReceiverProcess implements QuarkusTestResourceLifecycleManager {
    static final Path JAR = Path.of(System.getProperty("receiver.jar",
            "../webhook-receiver/target/quarkus-app/quarkus-run.jar"));

    private static volatile ReceiverProcess current;

    private final String secret = "test-" + UUID.randomUUID();
    private int port;
    private Path ledgerDir;
    private Process process;

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build webhook-receiver first "
                    + "(mvn -pl webhook-receiver package)");
        }
        port = freePort();
        try {
            // Kept across halt() and launch(): a restarted receiver still knows what it applied.
            ledgerDir = Files.createTempDirectory("webhook-receiver-ledger-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the receiver's ledger directory", e);
        }
        current = this;
        launch();
        return Map.of(
                "forwarder.webhook.url", baseUrl() + "/webhook",
                "forwarder.webhook.secret", secret);
    }

    @Override
    public void stop() {
        halt();
        current = null;
    }

    public static ReceiverProcess current() {
        return current;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the receiver and waits until it answers its readiness probe. */
    public synchronized void launch() {
        try {
            File log = Files.createTempFile("webhook-receiver-", ".log").toFile();
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("WEBHOOK_SECRET", secret);
            builder.environment().put("RECEIVER_LEDGER_DIR", ledgerDir.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the webhook receiver", e);
        }
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await("webhook-receiver ready on " + port).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Kills the receiver: its port refuses connections until {@link #launch()}. */
    public synchronized void halt() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
