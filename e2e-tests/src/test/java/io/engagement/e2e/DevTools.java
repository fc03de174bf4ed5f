package io.engagement.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chrome DevTools protocol connection over the JDK's WebSocket client: commands answered by id, events handed
 * to listeners. Sessions of attached pages share the browser's one connection ("flatten" mode).
 */
final class DevTools implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket socket;

    DevTools(String webSocketUrl) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(webSocketUrl), new Receiver()).join();
    }

    /** Every event: {@code method}, {@code params} and, for a page, its {@code sessionId}. */
    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    JsonNode send(String sessionId, String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            // One frame at a time: the JDK refuses a send while the previous one is in flight.
            socket.sendText(message.toString(), true).join();
        }
        try {
            return answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("DevTools " + method + " failed: " + e.getMessage(), e);
        } finally {
            pending.remove(id);
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.path("id").asLong());
            if (answer != null) {
                if (message.has("error")) {
                    answer.completeExceptionally(new IllegalStateException(message.path("error").toString()));
                } else {
                    answer.complete(message.path("result"));
                }
            }
        } else {
            listeners.forEach(l -> l.accept(message));
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Large answers (screenshots) arrive in parts; a message is whole at {@code last}. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
