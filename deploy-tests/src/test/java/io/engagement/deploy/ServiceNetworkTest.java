package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the services connect to, as rendered: no loopback default of a service's application.properties survives in
 * its Deployment, and every connection derived from the rendered addresses is admitted by the NetworkPolicies that
 * will be in force, the one Strimzi 0.51 generates for Kafka Connect included.
 */
class ServiceNetworkTest {

    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost|\\[::1]");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::[^}]*)?}");
    private static final Pattern ADDRESS = Pattern.compile("(?:[a-z]+://)?([a-z0-9][a-z0-9-]*)(?::(\\d+))");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Defect: query-api's CONNECT_URL was never set and stayed http://127.0.0.1:58083 (backfill could not work). */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind"})
    void noLoopbackDefaultOfAnyServiceSurvivesInItsRenderedEnvironment(String values) throws Exception {
        List<JsonNode> objects = ChartRenderer.byName(values);
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (String service : HelmChartTest.PIPELINE_SERVICES) {
            Map<String, String> env = env(HelmChartTest.first(objects, "Deployment", "engagement-" + service));
            for (Map.Entry<String, Set<String>> loopback : loopbackDefaults(service).entrySet()) {
                checks.add(() -> assertTrue(loopback.getValue().stream()
                                .anyMatch(name -> env.containsKey(name) && !LOOPBACK.matcher(env.get(name)).find()),
                        service + ": " + loopback.getKey() + " defaults to a loopback address; the chart must set one of "
                                + loopback.getValue() + " (rendered env: " + env.keySet() + ")"));
            }
        }
        assertTrue(checks.size() >= 15, "loopback defaults found: " + checks.size());
        assertAll(checks);
    }

    /** Defect: Connect's NetworkPolicies (the chart's and Strimzi's) admitted only the operator, not query-api. */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind"})
    void everyNetworkEdgeAServiceNeedsIsAdmittedByTheNetworkPolicies(String values) {
        List<JsonNode> objects = new ArrayList<>(ChartRenderer.byName(values));
        Cluster cluster = new Cluster(objects);
        List<String> edges = new ArrayList<>();
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (Workload client : cluster.workloads) {
            for (String value : client.addresses) {
                Matcher m = ADDRESS.matcher(value);
                while (m.find()) {
                    Target target = cluster.resolve(m.group(1), Integer.parseInt(m.group(2)));
                    if (target == null) {
                        continue;
                    }
                    String edge = client.name + " -> " + target.workload.name + ":" + target.port;
                    edges.add(edge);
                    checks.add(() -> assertTrue(cluster.admitted(client, target), edge + " (from \"" + value + "\") is not admitted"));
                }
            }
        }
        for (String expected : List.of("query-api -> kafka-connect:8083", "kafka-connect -> postgres:5432",
                "kafka-connect -> redpanda:9092", "stream-processor -> redpanda:9092", "topics -> redpanda:9644",
                "external-forwarder -> webhook-receiver:58186", "query-api -> clickhouse:8123", "redis-projector -> redis:6379")) {
            assertTrue(edges.contains(expected), expected + " not derived from the rendered addresses: " + edges);
        }
        assertAll(checks);
    }

    // --- application.properties

    /** Prod-profile properties whose value is a loopback address, each with the env vars that override it. */
    static Map<String, Set<String>> loopbackDefaults(String service) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(Repo.ROOT.resolve(service + "/src/main/resources/application.properties"))));
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue;
            }
            boolean prodVariant = p.containsKey("%prod." + key);
            String value = prodVariant ? p.getProperty("%prod." + key) : p.getProperty(key);
            if (!LOOPBACK.matcher(value).find()) {
                continue;
            }
            Set<String> overrides = new LinkedHashSet<>();
            Matcher m = EXPRESSION.matcher(value);
            while (m.find()) {
                overrides.add(m.group(1));
            }
            // SmallRye Config's env var names: non-alphanumerics to _, upper case; a %prod key as _PROD_<name>.
            String env = key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
            overrides.add(prodVariant ? "_PROD_" + env : env);
            found.put(key + "=" + value, overrides);
        }
        return found;
    }

    private static Map<String, String> env(JsonNode workload) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode e : c.path("env")) {
                env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "<from " + e.path("valueFrom") + ">");
            }
        }
        return env;
    }

    // --- a small model of the rendered cluster: workloads, services, network policies

    record Workload(String name, Map<String, String> labels, Map<String, Integer> namedPorts, Set<Integer> ports,
                    List<String> addresses) {
    }

    record Target(Workload workload, int port) {
    }

    record Policy(String name, Map<String, String> podSelector, JsonNode ingress) {
    }

    static final class Cluster {
        final List<Workload> workloads = new ArrayList<>();
        final Map<String, Workload> services = new HashMap<>(); // service name -> workload
        final Map<String, Map<Integer, Object>> servicePorts = new HashMap<>(); // service -> port -> targetPort
        final List<Policy> policies = new ArrayList<>();

        Cluster(List<JsonNode> objects) {
            for (JsonNode o : objects) {
                String kind = o.path("kind").asText();
                if (Set.of("Deployment", "StatefulSet", "Job").contains(kind)) {
                    workloads.add(podWorkload(o));
                } else if (kind.equals("KafkaConnect")) {
                    workloads.add(connectWorkload(o));
                } else if (kind.equals("NetworkPolicy")) {
                    policies.add(policy(o.path("metadata").path("name").asText(), o.path("spec")));
                }
            }
            for (JsonNode o : objects) {
                if (o.path("kind").asText().equals("Service")) {
                    Map<String, String> selector = map(o.path("spec").path("selector"));
                    workloads.stream().filter(w -> matches(selector, w.labels())).findFirst().ifPresent(w -> {
                        String name = o.path("metadata").path("name").asText();
                        services.put(name, w);
                        Map<Integer, Object> ports = new HashMap<>();
                        for (JsonNode p : o.path("spec").path("ports")) {
                            JsonNode target = p.path("targetPort");
                            ports.put(p.path("port").asInt(), target.isMissingNode() ? p.path("port").asInt()
                                    : target.isInt() ? target.asInt() : target.asText());
                        }
                        servicePorts.put(name, ports);
                    });
                }
            }
        }

        /** Strimzi's KafkaConnect: pods labelled strimzi.io/cluster|kind|name, REST on 8083 behind <name>-connect-api. */
        private Workload connectWorkload(JsonNode connect) {
            String name = connect.path("metadata").path("name").asText();
            // Strimzi copies the custom resource's labels to the pods, then the template's, then its own.
            Map<String, String> labels = new HashMap<>(map(connect.path("metadata").path("labels")));
            labels.putAll(map(connect.path("spec").path("template").path("pod").path("metadata").path("labels")));
            labels.putAll(Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "KafkaConnect", "strimzi.io/name", name + "-connect"));
            List<String> addresses = new ArrayList<>(List.of(connect.path("spec").path("bootstrapServers").asText()));
            Map<String, String> env = new HashMap<>();
            for (JsonNode e : connect.path("spec").path("template").path("connectContainer").path("env")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
            if (env.containsKey("PG_HOST")) {
                addresses.add(env.get("PG_HOST") + ":" + env.get("PG_PORT"));
            }
            Workload w = new Workload("kafka-connect", labels, Map.of("rest-api", 8083), Set.of(8083), addresses);
            services.put(name + "-connect-api", w);
            servicePorts.put(name + "-connect-api", Map.of(8083, 8083));
            // The NetworkPolicy Strimzi 0.51 generates for it (KafkaConnectCluster.generateNetworkPolicy, with
            // connector resources on): 8083 from the Connect pods and the cluster operator only.
            policies.add(new Policy("strimzi-generated " + name + "-connect",
                    Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "KafkaConnect", "strimzi.io/name", name + "-connect"),
                    JSON.createArrayNode().add(JSON.createObjectNode()
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("ports", JSON.createArrayNode()
                                    .add(JSON.createObjectNode().put("port", 8083).put("protocol", "TCP")))
                            .set("from", JSON.createArrayNode()
                                    .add(JSON.createObjectNode().set("podSelector", JSON.createObjectNode().set("matchLabels",
                                            JSON.valueToTree(Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "KafkaConnect",
                                                    "strimzi.io/name", name + "-connect")))))
                                    .add(JSON.createObjectNode()
                                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("podSelector", JSON.createObjectNode()
                                                    .set("matchLabels", JSON.valueToTree(Map.of("strimzi.io/kind", "cluster-operator"))))
                                            .set("namespaceSelector", JSON.createObjectNode()))))));
            return w;
        }

        private static Workload podWorkload(JsonNode o) {
            JsonNode template = o.path("spec").path("template");
            Map<String, String> labels = map(template.path("metadata").path("labels"));
            Map<String, Integer> named = new HashMap<>();
            Set<Integer> ports = new java.util.HashSet<>();
            List<String> addresses = new ArrayList<>();
            for (JsonNode c : template.path("spec").path("containers")) {
                for (JsonNode p : c.path("ports")) {
                    ports.add(p.path("containerPort").asInt());
                    if (p.has("name")) {
                        named.put(p.path("name").asText(), p.path("containerPort").asInt());
                    }
                }
                c.path("env").forEach(e -> addresses.add(e.path("value").asText()));
                c.path("args").forEach(a -> addresses.add(a.asText()));
            }
            return new Workload(labels.getOrDefault("app.kubernetes.io/name", o.path("metadata").path("name").asText()),
                    labels, named, ports, addresses);
        }

        private static Policy policy(String name, JsonNode spec) {
            boolean ingress = false;
            for (JsonNode t : spec.path("policyTypes")) {
                ingress |= t.asText().equals("Ingress");
            }
            if (!ingress && spec.path("policyTypes").size() > 0) {
                return new Policy(name, Map.of("never", "matches"), JSON.createArrayNode());
            }
            return new Policy(name, map(spec.path("podSelector").path("matchLabels")), spec.path("ingress"));
        }

        Target resolve(String host, int port) {
            Workload w = services.get(host);
            if (w == null) {
                // StatefulSet pod DNS names: <pod>.<service>...; the address regex keeps only the first label
                return null;
            }
            Object target = servicePorts.get(host).get(port);
            if (target == null) {
                return null;
            }
            int containerPort = target instanceof Integer i ? i : w.namedPorts().getOrDefault((String) target, -1);
            return new Target(w, containerPort);
        }

        /** Kubernetes semantics: isolated if any Ingress policy selects the pod; then any rule of those must admit. */
        boolean admitted(Workload client, Target target) {
            List<Policy> selecting = policies.stream().filter(p -> matches(p.podSelector(), target.workload().labels())).toList();
            if (selecting.isEmpty()) {
                return true;
            }
            for (Policy p : selecting) {
                for (JsonNode rule : p.ingress()) {
                    if (portMatches(rule.path("ports"), target) && fromMatches(rule.path("from"), client)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean portMatches(JsonNode ports, Target target) {
            if (ports.isMissingNode() || ports.isEmpty()) {
                return true;
            }
            for (JsonNode p : ports) {
                JsonNode port = p.path("port");
                int number = port.isInt() ? port.asInt() : target.workload().namedPorts().getOrDefault(port.asText(), -2);
                if (number == target.port()) {
                    return true;
                }
            }
            return false;
        }

        /** Peers; every workload runs in the release namespace "engagement" (namespaceSelector: other namespaces). */
        private static boolean fromMatches(JsonNode from, Workload client) {
            if (from.isMissingNode() || from.isEmpty()) {
                return true;
            }
            for (JsonNode peer : from) {
                boolean hasNs = peer.has("namespaceSelector");
                boolean nsMatches = !hasNs || matches(map(peer.path("namespaceSelector").path("matchLabels")),
                        Map.of("kubernetes.io/metadata.name", ChartRenderer.NAMESPACE));
                boolean podMatches = !peer.has("podSelector") || matches(map(peer.path("podSelector").path("matchLabels")), client.labels());
                if ((peer.has("podSelector") || hasNs) && nsMatches && podMatches) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
            return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }

        private static Map<String, String> map(JsonNode node) {
            Map<String, String> m = new HashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        }
    }
}
