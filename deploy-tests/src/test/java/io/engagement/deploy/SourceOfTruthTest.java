package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart deploys exactly what the local launcher uses: connector JSON, topics, alert rules, dashboards. */
class SourceOfTruthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RPK_CREATE = Pattern.compile(
            "rpk topic create (\\S+) -X brokers=\\S+ --partitions (\\d+) --replicas \\d+((?: --topic-config \\S+)*)");
    static List<JsonNode> objects;

    @BeforeAll
    static void render() {
        objects = ChartRenderer.render(null, Map.of());
    }

    @Test
    void kafkaConnectorConfigEqualsTheConnectorJsonTheLocalLauncherRegisters() throws Exception {
        JsonNode local = JSON.readTree(Files.readString(Repo.CONNECTOR_JSON));
        JsonNode connector = HelmChartTest.first(objects, "KafkaConnector", local.path("name").asText());
        Map<String, String> rendered = new LinkedHashMap<>();
        connector.path("spec").path("config").fields().forEachRemaining(e -> rendered.put(e.getKey(), e.getValue().asText()));
        rendered.put("connector.class", connector.path("spec").path("class").asText());
        rendered.put("tasks.max", connector.path("spec").path("tasksMax").asText());
        Map<String, String> expected = new LinkedHashMap<>();
        local.path("config").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(rendered));
        assertEquals("engagement-connect", connector.path("metadata").path("labels").path("strimzi.io/cluster").asText());
    }

    @Test
    void topicJobCreatesExactlyTheTopicsOfTopicsConf() {
        JsonNode job = objects.stream().filter(o -> o.path("kind").asText().equals("Job")).findFirst().orElseThrow();
        String script = job.path("spec").path("template").path("spec").path("containers").get(0).path("args").get(0).asText();
        List<Topic> created = new ArrayList<>();
        Matcher m = RPK_CREATE.matcher(script);
        while (m.find()) {
            List<String> configs = new ArrayList<>();
            for (String flag : m.group(3).split(" --topic-config ")) {
                if (!flag.isBlank()) {
                    configs.add(flag.strip());
                }
            }
            created.add(new Topic(m.group(1), Integer.parseInt(m.group(2)), configs));
        }
        assertEquals(Topic.readAll(Repo.TOPICS_CONF), created);
    }

    /**
     * Defect: Debezium's heartbeat topic and the change topics of the heartbeat and signal tables were not created;
     * Redpanda does not create topics on first use, so Connect blocked on metadata while the connector said RUNNING.
     * The topics a Debezium PostgreSQL connector writes, from its configuration (Debezium 3.x defaults): one per
     * captured table (topic.prefix.schema.table), the heartbeat topic (topic.heartbeat.prefix, default
     * __debezium-heartbeat, + "." + topic.prefix) when heartbeat.interval.ms > 0, the transaction topic when
     * provide.transaction.metadata is on, and the Kafka signal topic when the kafka signal channel is enabled.
     */
    @Test
    void everyTopicTheConnectorCanWriteExistsInTopicsConf() throws Exception {
        JsonNode config = JSON.readTree(Files.readString(Repo.CONNECTOR_JSON)).path("config");
        String prefix = config.path("topic.prefix").asText();
        List<String> writes = new ArrayList<>();
        for (String table : config.path("table.include.list").asText().split(",")) {
            writes.add(prefix + "." + table.strip());
        }
        if (config.path("heartbeat.interval.ms").asLong(0) > 0) {
            writes.add(config.path("topic.heartbeat.prefix").asText("__debezium-heartbeat") + "." + prefix);
        }
        if (config.path("provide.transaction.metadata").asBoolean(false)) {
            writes.add(prefix + "." + config.path("topic.transaction").asText("transaction"));
        }
        if (List.of(config.path("signal.enabled.channels").asText("source").split(",")).contains("kafka")) {
            writes.add(config.path("signal.kafka.topic").asText());
        }
        if (config.path("topic.creation.enable").asBoolean(false) || config.has("topic.creation.default.partitions")) {
            return; // the connector creates its topics itself
        }
        List<String> topics = Topic.readAll(Repo.TOPICS_CONF).stream().map(Topic::name).toList();
        for (String topic : writes) {
            org.junit.jupiter.api.Assertions.assertTrue(topics.contains(topic),
                    "the connector writes " + topic + ", which stack/topics.conf does not create: " + topics);
        }
        org.junit.jupiter.api.Assertions.assertTrue(writes.size() >= 5, writes.toString());
    }

    /**
     * The stream-processor has one exactly-once hop because the connector routes content rows by id and events by
     * content id over the same number of partitions, and task p reads partition p of both topics. Kafka Streams does
     * not check that for topics it does not join, so a topic with more partitions than the router's
     * partition.topic.num (or a second topic with another count) would split a content from its events silently.
     */
    @Test
    void connectorRoutesBothCdcTopicsOverAllTheirPartitionsAlike() throws Exception {
        JsonNode config = JSON.readTree(Files.readString(Repo.CONNECTOR_JSON)).path("config");
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Topic.readAll(Repo.TOPICS_CONF).forEach(t -> partitions.put(t.name(), t.partitions()));
        Map<String, Integer> routed = new java.util.TreeMap<>();
        for (String transform : config.path("transforms").asText().split(",")) {
            String prefix = "transforms." + transform.strip() + ".";
            if (!config.path(prefix + "type").asText().equals("io.debezium.transforms.partitions.PartitionRouting")) {
                continue;
            }
            String predicate = config.path(prefix + "predicate").asText();
            String pattern = config.path("predicates." + predicate + ".pattern").asText();
            List<String> topics = partitions.keySet().stream().filter(t -> t.matches(pattern)).toList();
            assertEquals(1, topics.size(), transform + "'s predicate " + pattern + " matches " + topics);
            assertEquals("java", config.path(prefix + "partition.hash.function").asText(),
                    "the stream-processor's SourcePartitioner computes Java's hashCode");
            routed.put(topics.get(0), config.path(prefix + "partition.topic.num").asInt());
        }
        Map<String, Integer> created = new java.util.TreeMap<>();
        routed.keySet().forEach(t -> created.put(t, partitions.get(t)));
        assertEquals(created, routed, "partition.topic.num must be each routed topic's partition count");
        assertEquals(java.util.Set.of("pg.public.content", "pg.public.engagement_events"), routed.keySet());
        assertEquals(1, new java.util.HashSet<>(routed.values()).size(), "co-partitioned topics differ: " + routed);
    }

    @Test
    void chartFilesAreTheRepositoryFiles() throws Exception {
        var files = Repo.CHART.resolve("files");
        assertEquals(Files.readString(Repo.TOPICS_CONF), Files.readString(files.resolve("topics.conf")));
        assertEquals(Files.readString(Repo.CONNECTOR_JSON), Files.readString(files.resolve("engagement-postgres.json")));
        assertEquals(Files.readString(Repo.ALERT_RULES), Files.readString(files.resolve("pipeline-alerts.yaml")));
    }

    @Test
    void prometheusLoadsTheAlertRulesOfTheRepository() throws Exception {
        JsonNode config = HelmChartTest.first(objects, "ConfigMap", "engagement-prometheus");
        assertEquals(Files.readString(Repo.ALERT_RULES).strip(), config.path("data").path("pipeline-alerts.yaml").asText().strip());
    }

    @Test
    void grafanaProvisionsTheDashboardsOfTheRepository() throws Exception {
        JsonNode dashboards = HelmChartTest.first(objects, "ConfigMap", "engagement-grafana-dashboards");
        try (var files = Files.list(Repo.DASHBOARDS)) {
            Map<String, JsonNode> expected = new java.util.TreeMap<>();
            for (var file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                expected.put(file.getFileName().toString(), JSON.readTree(Files.readString(file)));
            }
            Map<String, JsonNode> rendered = new java.util.TreeMap<>();
            dashboards.path("data").fields().forEachRemaining(e -> {
                try {
                    rendered.put(e.getKey(), JSON.readTree(e.getValue().asText()));
                } catch (Exception ex) {
                    throw new AssertionError(e.getKey() + " is not JSON", ex);
                }
            });
            assertEquals(expected, rendered);
        }
    }
}
