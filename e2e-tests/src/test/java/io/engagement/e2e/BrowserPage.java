package io.engagement.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One tab: navigation, JavaScript evaluated in the page, its console errors, screenshots. */
final class BrowserPage {
    private final DevTools devTools;
    private final String session;
    private final List<String> consoleErrors = new ArrayList<>();

    private BrowserPage(DevTools devTools, String session) {
        this.devTools = devTools;
        this.session = session;
    }

    static BrowserPage open(DevTools devTools, int width, int height) {
        String target = devTools.send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = devTools.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        BrowserPage page = new BrowserPage(devTools, session);
        devTools.onEvent(page::event);
        for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
            devTools.send(session, domain, Map.of());
        }
        devTools.send(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return page;
    }

    // console.error, uncaught exceptions and the browser's own errors (failed loads, CSP, ...).
    private void event(JsonNode message) {
        if (!session.equals(message.path("sessionId").asText())) {
            return;
        }
        JsonNode params = message.path("params");
        String error = switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> params.path("type").asText().equals("error")
                    ? "console.error " + params.path("args").toString() : null;
            case "Runtime.exceptionThrown" -> "exception " + params.path("exceptionDetails").toString();
            case "Log.entryAdded" -> params.path("entry").path("level").asText().equals("error")
                    ? "log " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText()
                    : null;
            default -> null;
        };
        if (error != null) {
            synchronized (consoleErrors) {
                consoleErrors.add(error);
            }
        }
    }

    void navigate(String url) {
        devTools.send(session, "Page.navigate", Map.of("url", url));
    }

    List<String> consoleErrors() {
        synchronized (consoleErrors) {
            return List.copyOf(consoleErrors);
        }
    }

    /** The expression's value (a promise is awaited); a thrown exception fails the test with its text. */
    JsonNode evaluate(String expression) {
        JsonNode result = devTools.send(session, "Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("page script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    void screenshot(Path file) throws IOException {
        String png = devTools.send(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .path("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }
}
