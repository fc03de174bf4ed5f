package io.engagement.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with a fresh profile and the flags that keep it off the network (this machine's
 * closed network refuses its background connections); driven through the DevTools protocol on a port it picks.
 * {@code CHROMIUM_BIN} moves the binary; ./pipeline test installs the package when it is missing.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    final DevTools devTools;

    private Chromium(Process process, Path profile, String url) {
        this.process = process;
        this.profile = profile;
        this.devTools = new DevTools(url);
    }

    static Chromium start(Path log) throws IOException {
        String binary = Stack.env("CHROMIUM_BIN", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is missing: apt-get install -y chromium (./pipeline test does it)");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank")).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Files.createDirectories(log.getParent());
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line; (line = in.readLine()) != null;) {
                    out.println(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("chromium exited; see " + log));
        }, "chromium-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new Chromium(process, profile, url.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port; see " + log, e);
        }
    }

    BrowserPage newPage(int width, int height) {
        return BrowserPage.open(devTools, width, height);
    }

    @Override
    public void close() throws IOException {
        devTools.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
