package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelmChartTest {

    static final Set<String> PIPELINE_SERVICES = Set.of("ingest-simulator", "stream-processor", "redis-projector",
            "clickhouse-loader", "external-forwarder", "query-api", "webhook-receiver");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");

    static List<JsonNode> defaults;
    static List<JsonNode> kind;

    @BeforeAll
    static void renderOnce() {
        defaults = ChartRenderer.render(null, Map.of());
        kind = ChartRenderer.render(Repo.KIND_VALUES, Map.of());
    }

    @Test
    void chartPassesHelmLintStrict() {
        LintResult result = ChartRenderer.lintStrict();
        assertFalse(result.isFailed(), () -> "helm lint --strict: " + result.getMessages());
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind"})
    void everyRenderedObjectLoadsAsStrictlyTypedKubernetesOrStrimziObject(String values) {
        List<JsonNode> objects = values.equals("kind") ? kind : defaults;
        assertTrue(objects.size() > 40, "rendered only " + objects.size() + " objects");
        assertAll(objects.stream().map(o -> () -> assertNotNull(StrictManifests.load(o))));
    }

    @Test
    void strictLoadingRejectsAFieldTheTypeDoesNotHave() {
        JsonNode deployment = first(defaults, "Deployment", "engagement-query-api").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec")).put("restartPolicyy", "Always");
        assertThrows(IllegalArgumentException.class, () -> StrictManifests.load(deployment));
        JsonNode connect = first(defaults, "KafkaConnect", "engagement-connect").deepCopy();
        ((ObjectNode) connect.path("spec")).put("bootstrapServer", "x:9092");
        assertThrows(IllegalArgumentException.class, () -> StrictManifests.load(connect));
    }

    @Test
    void everyPipelineServiceIsOneDeploymentWithServiceAndDisruptionBudget() {
        for (String service : PIPELINE_SERVICES) {
            String name = "engagement-" + service;
            assertNotNull(first(defaults, "Deployment", name), name);
            assertNotNull(first(defaults, "Service", name), name);
            assertNotNull(first(defaults, "PodDisruptionBudget", name), name);
            assertNotNull(first(defaults, "NetworkPolicy", name), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "kind"})
    void everyWorkloadRunsNonRootWithReadOnlyRootFilesystemResourcesAndProbes(String values) {
        List<HasMetadata> objects = typed(values.equals("kind") ? kind : defaults);
        List<String> checked = new ArrayList<>();
        for (HasMetadata object : objects) {
            PodSpec pod = podSpec(object);
            if (pod == null) {
                continue;
            }
            String where = object.getKind() + " " + object.getMetadata().getName();
            checked.add(where);
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where + " runAsNonRoot");
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, where + " runAsUser");
            for (Container c : pod.getContainers()) {
                assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
                assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), where + " allowPrivilegeEscalation");
                for (String kindOf : List.of("requests", "limits")) {
                    var quantities = kindOf.equals("requests") ? c.getResources().getRequests() : c.getResources().getLimits();
                    assertNotNull(quantities, where + " resources." + kindOf);
                    assertTrue(quantities.containsKey("cpu") && quantities.containsKey("memory"), where + " resources." + kindOf);
                }
                if (!(object instanceof Job)) {
                    assertNotNull(c.getLivenessProbe(), where + " livenessProbe");
                    assertNotNull(c.getReadinessProbe(), where + " readinessProbe");
                }
            }
        }
        assertTrue(checked.size() >= 12, "workloads checked: " + checked);
    }

    @Test
    void pipelineServicesProbeQuarkusHealthEndpointsAndAnnounceMetrics() {
        for (String service : PIPELINE_SERVICES) {
            Deployment d = (Deployment) StrictManifests.load(first(defaults, "Deployment", "engagement-" + service));
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), service);
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), service);
            assertEquals("/q/metrics", d.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
            assertEquals("0.0.0.0", env(c, "HTTP_HOST").getValue(), service);
            assertEquals(String.valueOf(c.getPorts().get(0).getContainerPort()), env(c, "QUARKUS_HTTP_PORT").getValue());
            assertTrue(d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .anyMatch(v -> v.getEmptyDir() != null && c.getVolumeMounts().stream()
                            .anyMatch(m -> m.getName().equals(v.getName()) && m.getMountPath().equals("/tmp"))),
                    service + " needs a writable /tmp");
        }
        Deployment processor = (Deployment) StrictManifests.load(first(defaults, "Deployment", "engagement-stream-processor"));
        Container c = processor.getSpec().getTemplate().getSpec().getContainers().get(0);
        String stateDir = env(c, "KAFKA_STREAMS_STATE_DIR").getValue();
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(stateDir)), "state dir is mounted");
    }

    @Test
    void secretsAreReferencedFromTheSecretNeverInlined() {
        Set<String> secretNames = new TreeSet<>();
        for (HasMetadata object : typed(defaults)) {
            for (EnvVar e : envVars(object)) {
                if (SECRET_LIKE.matcher(e.getName()).matches()) {
                    String where = object.getMetadata().getName() + " " + e.getName();
                    assertNull(e.getValue(), where + " is inlined");
                    assertNotNull(e.getValueFrom().getSecretKeyRef(), where + " must come from a Secret");
                    secretNames.add(e.getValueFrom().getSecretKeyRef().getName());
                }
            }
        }
        assertEquals(Set.of("engagement-secrets"), secretNames);
        Set<String> envWithSecrets = typed(defaults).stream().flatMap(o -> envVars(o).stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(envWithSecrets.containsAll(Set.of("QUARKUS_DATASOURCE_PASSWORD", "FORWARDER_WEBHOOK_SECRET",
                "WEBHOOK_SECRET", "PIPELINE_ADMIN_TOKEN", "POSTGRES_PASSWORD", "PG_PASSWORD",
                "GF_SECURITY_ADMIN_PASSWORD")), envWithSecrets::toString);
    }

    @Test
    void existingSecretIsUsedEverywhereAndNoSecretIsRendered() {
        List<JsonNode> objects = ChartRenderer.render(null, Map.of("secrets.existingSecret", "ops-managed"));
        assertTrue(objects.stream().noneMatch(o -> o.path("kind").asText().equals("Secret")));
        Set<String> refs = typed(objects).stream().flatMap(o -> envVars(o).stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("ops-managed"), refs);
    }

    /** Defect: the pre-install hook Secret was generated anew on reinstall while PostgreSQL kept the old password. */
    @Test
    void reinstallKeepsTheSecretAlreadyInTheClusterAndUninstallLeavesIt() {
        Map<String, String> existing = Map.of("postgres-password", "cGdvbGQ=", "webhook-secret", "d2hvbGQ=",
                "admin-token", "YW9sZA==", "grafana-admin-password", "Z29sZA==");
        FakeApiServer.storeSecret(ChartRenderer.NAMESPACE, "engagement-secrets", existing);
        List<JsonNode> reinstall;
        try {
            reinstall = ChartRenderer.render(Repo.KIND_VALUES, Map.of());
        } finally {
            FakeApiServer.clearSecrets();
        }
        JsonNode secret = first(reinstall, "Secret", "engagement-secrets");
        existing.forEach((key, value) -> assertEquals(value, secret.path("data").path(key).asText(), key));
        JsonNode annotations = secret.path("metadata").path("annotations");
        assertEquals("keep", annotations.path("helm.sh/resource-policy").asText(), "uninstall must leave the Secret");
        assertTrue(annotations.path("helm.sh/hook").isMissingNode(), "a hook is not adopted by the next install");
        JsonNode fresh = first(defaults, "Secret", "engagement-secrets");
        assertEquals(32, new String(java.util.Base64.getDecoder().decode(fresh.path("data").path("postgres-password").asText())).length());
    }

    @Test
    void schemaRejectsAWrongTypedValue() {
        Exception e = assertThrows(Exception.class,
                () -> ChartRenderer.render(null, Map.of("services.query-api.replicas", "three")));
        assertTrue(e.getMessage().contains("replicas"), e.getMessage());
    }

    @Test
    void schemaRejectsAnUnknownKey() {
        Exception e = assertThrows(Exception.class,
                () -> ChartRenderer.render(null, Map.of("services.query-api.replica", 2)));
        assertTrue(e.getMessage().contains("replica"), e.getMessage());
        Exception top = assertThrows(Exception.class, () -> ChartRenderer.render(null, Map.of("redpandaa.memory", "1G")));
        assertTrue(top.getMessage().contains("redpandaa"), top.getMessage());
    }

    @Test
    void streamProcessorScalesByReplicasUpToThePartitionCount() {
        int partitions = Topic.readAll(Repo.TOPICS_CONF).stream().mapToInt(Topic::partitions).min().orElseThrow();
        assertTrue(partitions >= 3, "topics.conf must allow 3 processors");
        List<JsonNode> three = ChartRenderer.render(null, Map.of("services.stream-processor.replicas", 3));
        assertEquals(3, first(three, "Deployment", "engagement-stream-processor").path("spec").path("replicas").asInt());
        Exception tooMany = assertThrows(Exception.class,
                () -> ChartRenderer.render(null, Map.of("services.stream-processor.replicas", partitions + 1)));
        assertTrue(tooMany.getMessage().contains("partitions"), tooMany.getMessage());
    }

    @Test
    void networkPoliciesAdmitOnlyTheClientsOfEachServer() {
        assertEquals(Set.of("redis-projector", "query-api"), admitted(defaults, "engagement-redis"));
        assertEquals(Set.of("clickhouse-loader", "query-api"), admitted(defaults, "engagement-clickhouse"));
        assertEquals(Set.of("ingest-simulator", "query-api", "strimzi.io/cluster=engagement-connect"),
                admitted(defaults, "engagement-postgres"));
        assertEquals(Set.of("prometheus", "external-forwarder"), admitted(defaults, "engagement-webhook-receiver"));
        NetworkPolicy deny = (NetworkPolicy) StrictManifests.load(first(defaults, "NetworkPolicy", "engagement-default-deny"));
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty());
    }

    @Test
    void kafkaConnectRunsTheImageUpShBuildsWithTheLocalDebeziumVersionAndPointsAtRedpanda() throws Exception {
        KafkaConnect connect = (KafkaConnect) StrictManifests.load(first(defaults, "KafkaConnect", "engagement-connect"));
        assertEquals("engagement-redpanda:9092", connect.getSpec().getBootstrapServers());
        assertNull(connect.getSpec().getBuild(), "no in-cluster build: k8s/up.sh builds the image");
        assertEquals("localhost:5001/engagement/connect-debezium:dev", connect.getSpec().getImage());
        String up = java.nio.file.Files.readString(Repo.ROOT.resolve("k8s/up.sh"));
        assertTrue(up.contains("KAFKA_VERSION=" + connect.getSpec().getVersion() + "\n"),
                "k8s/up.sh builds FROM the Strimzi image of Kafka " + connect.getSpec().getVersion());
        String pom = java.nio.file.Files.readString(Repo.ROOT.resolve("stack/debezium/pom.xml"));
        String values = java.nio.file.Files.readString(Repo.CHART.resolve("values.yaml"));
        java.util.regex.Matcher m = Pattern.compile("<debezium.version>([^<]+)</debezium.version>").matcher(pom);
        assertTrue(m.find());
        assertTrue(values.contains("debeziumVersion: " + m.group(1)), "values.yaml debeziumVersion = " + m.group(1));
        assertEquals("env", connect.getSpec().getConfig().get("config.providers"));
        assertEquals("true", connect.getMetadata().getAnnotations().get("strimzi.io/use-connector-resources"));
        JsonNode connector = first(defaults, "KafkaConnector", "engagement-postgres");
        assertTrue(connector.path("spec").path("autoRestart").path("enabled").asBoolean(), "KafkaConnector autoRestart");
    }

    /** Defect: the simulator ran at rate 0 on kind and nothing said how to start traffic: empty dashboards. */
    @Test
    void kindValuesStartSimulatorTrafficSoTheDashboardsFill() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.load(new java.io.StringReader(java.nio.file.Files.readString(
                Repo.ROOT.resolve("ingest-simulator/src/main/resources/application.properties"))));
        assertEquals("0", props.getProperty("simulator.rate"), "the service itself starts idle (SIMULATOR_RATE overrides)");
        Deployment simulator = (Deployment) StrictManifests.load(first(kind, "Deployment", "engagement-ingest-simulator"));
        EnvVar rate = env(simulator.getSpec().getTemplate().getSpec().getContainers().get(0), "SIMULATOR_RATE");
        assertTrue(Integer.parseInt(rate.getValue()) > 0, "kind values must start traffic: SIMULATOR_RATE=" + rate.getValue());
    }

    @Test
    void valuesYamlPointsAtTheTagUpShBuilds() throws Exception {
        String up = java.nio.file.Files.readString(Repo.ROOT.resolve("k8s/up.sh"));
        java.util.regex.Matcher tag = Pattern.compile("\\nTAG=\\$\\{TAG:-([^}]+)}").matcher(up);
        assertTrue(tag.find(), "k8s/up.sh sets TAG");
        for (List<JsonNode> objects : List.of(defaults, kind)) {
            Deployment d = (Deployment) StrictManifests.load(first(objects, "Deployment", "engagement-query-api"));
            assertTrue(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":" + tag.group(1)));
        }
    }

    @Test
    void grafanaWritesOnlyToEmptyDirs() {
        Deployment grafana = (Deployment) StrictManifests.load(first(defaults, "Deployment", "engagement-grafana"));
        Container c = grafana.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> emptyDirs = grafana.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getEmptyDir() != null).map(v -> v.getName()).collect(Collectors.toSet());
        for (String path : List.of("GF_PATHS_DATA", "GF_PATHS_PLUGINS", "GF_PATHS_LOGS")) {
            String dir = env(c, path).getValue();
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(dir) && emptyDirs.contains(m.getName())),
                    path + "=" + dir + " must be a writable emptyDir (read-only root filesystem)");
        }
    }

    @Test
    void kindValuesExposeTheNodePortsThatKindConfigMapsToTheHost() throws Exception {
        Set<Integer> mapped = KindConfigTest.load().nodes().stream()
                .flatMap(n -> n.extraPortMappings() == null ? Stream.empty() : n.extraPortMappings().stream())
                .map(KindConfigTest.PortMapping::containerPort).collect(Collectors.toSet());
        Set<Integer> nodePorts = kind.stream().filter(o -> o.path("kind").asText().equals("Service"))
                .flatMap(HelmChartTest::nodePorts).collect(Collectors.toSet());
        assertEquals(Set.of(30080, 30090, 30300), nodePorts);
        assertEquals(nodePorts, mapped);
    }

    // --- helpers

    static JsonNode first(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<HasMetadata> typed(List<JsonNode> objects) {
        return objects.stream().map(StrictManifests::load).toList();
    }

    private static PodSpec podSpec(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (object instanceof StatefulSet s) {
            return s.getSpec().getTemplate().getSpec();
        }
        if (object instanceof Job j) {
            return j.getSpec().getTemplate().getSpec();
        }
        return null;
    }

    private static List<EnvVar> envVars(HasMetadata object) {
        if (object instanceof KafkaConnect connect) {
            return connect.getSpec().getTemplate().getConnectContainer().getEnv().stream()
                    .map(e -> new EnvVar(e.getName(), e.getValue(), e.getValueFrom() == null ? null
                            : new io.fabric8.kubernetes.api.model.EnvVarSourceBuilder()
                                    .withSecretKeyRef(e.getValueFrom().getSecretKeyRef()).build()))
                    .toList();
        }
        PodSpec pod = podSpec(object);
        return pod == null ? List.of() : pod.getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream()).toList();
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }

    private static Set<String> admitted(List<JsonNode> objects, String policy) {
        NetworkPolicy np = (NetworkPolicy) StrictManifests.load(first(objects, "NetworkPolicy", policy));
        return np.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(selector -> {
                    Map<String, String> labels = selector.getMatchLabels();
                    return labels.containsKey("app.kubernetes.io/name") ? labels.get("app.kubernetes.io/name")
                            : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(","));
                })
                .filter(name -> !name.equals("topics"))
                .collect(Collectors.toSet());
    }

    private static Stream<Integer> nodePorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        service.path("spec").path("ports").forEach(p -> {
            if (p.has("nodePort")) {
                ports.add(p.get("nodePort").asInt());
            }
        });
        return ports.stream();
    }
}
