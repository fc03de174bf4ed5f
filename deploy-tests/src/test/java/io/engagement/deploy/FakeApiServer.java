package io.engagement.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few Kubernetes API calls that Helm's `lookup` makes (discovery of v1, GET of one Secret), answered from memory.
 * helm-java renders like `helm install --dry-run`, which runs lookup against the cluster of $KUBECONFIG: the surefire
 * configuration points KUBECONFIG at the file this server writes. A Secret that is not stored answers 404, so lookup
 * returns an empty map, as `helm template` and a first install see it; {@link #storeSecret} makes it exist, as after
 * `helm uninstall` with resource-policy keep.
 */
final class FakeApiServer {

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static volatile boolean started;

    private FakeApiServer() {
    }

    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set: run the tests through Maven (deploy-tests/pom.xml sets it)");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", FakeApiServer::handle);
            server.setExecutor(null);
            server.start();
            Path file = Path.of(kubeconfig);
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster: { server: "http://127.0.0.1:%d" }
                    users:
                      - name: fake
                        user: {}
                    contexts:
                      - name: fake
                        context: { cluster: fake, user: fake, namespace: engagement }
                    current-context: fake
                    """.formatted(server.getAddress().getPort()));
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes GET /api/v1/namespaces/{namespace}/secrets/{name} answer this Secret (data values base64). */
    static void storeSecret(String namespace, String name, Map<String, String> base64Data) {
        StringBuilder data = new StringBuilder();
        base64Data.forEach((k, v) -> data.append(data.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        SECRETS.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
                .formatted(name, namespace, data));
    }

    static void clearSecrets() {
        SECRETS.clear();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/api")) {
            body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
        } else if (path.equals("/apis")) {
            body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        } else if (path.equals("/api/v1")) {
            body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\",\"resources\":["
                    + "{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}";
        } else if (SECRETS.containsKey(path)) {
            body = SECRETS.get(path);
        } else {
            status = 404;
            body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404,"
                    + "\"message\":\"not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
