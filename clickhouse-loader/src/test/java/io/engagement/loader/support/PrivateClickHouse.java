package io.engagement.loader.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A real clickhouse-server of our own on free ports, configured like stack/config/clickhouse-config.xml, so a test can
 * stop and start it without disturbing the shared one. The data directory survives stop/start.
 */
public final class PrivateClickHouse implements AutoCloseable {
    private static final Path STACK_CONFIG = Path.of("..", "stack", "config");

    private final Path home;
    private final int httpPort;
    private final int nativePort;
    private Process process;

    public PrivateClickHouse() {
        try {
            home = Files.createTempDirectory("loader-clickhouse");
            httpPort = freePort();
            nativePort = freePort();
            String config = Files.readString(STACK_CONFIG.resolve("clickhouse-config.xml"))
                    .replace("@CLICKHOUSE_HTTP_PORT@", Integer.toString(httpPort))
                    .replace("@CLICKHOUSE_NATIVE_PORT@", Integer.toString(nativePort))
                    .replace("@STATE@/clickhouse", home.toString());
            Files.writeString(home.resolve("config.xml"), config);
            Files.copy(STACK_CONFIG.resolve("clickhouse-users.xml"), home.resolve("users.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized void start() {
        try {
            process = new ProcessBuilder("clickhouse-server", "--config-file=" + home.resolve("config.xml"))
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClickHouseHttp http = new ClickHouseHttp(url(), "default");
        Awaitility.await("private ClickHouse on " + httpPort).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> "1".equals(http.query("SELECT 1").strip()));
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
