package io.engagement.loader.support;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Isolates one test application on the shared stack: its own input and DLQ topics (6 partitions, like the real ones),
 * its own consumer group and its own ClickHouse database, all dropped afterwards. With the argument
 * {@code clickhouse=private} it also runs a private ClickHouse server the test may stop and start.
 */
public class LoaderTestResources implements QuarkusTestResourceLifecycleManager {
    public static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092");
    private static final String SHARED_CLICKHOUSE = System.getenv().getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:58123");
    private static PrivateClickHouse privateServer;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String enrichedTopic = "test.loader." + run + ".enriched";
    private final String dlqTopic = "test.loader." + run + ".dlq";
    private final String database = "loader_test_" + run;
    private boolean usePrivate;
    private String clickHouseUrl;

    @Override
    public void init(Map<String, String> args) {
        usePrivate = "private".equals(args.get("clickhouse"));
    }

    /** The private server of the running test, when it asked for one. */
    public static PrivateClickHouse privateServer() {
        return privateServer;
    }

    @Override
    public Map<String, String> start() {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(enrichedTopic, 6, (short) 1), new NewTopic(dlqTopic, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating test topics", e);
        }
        if (usePrivate) {
            privateServer = new PrivateClickHouse();
            privateServer.start();
            clickHouseUrl = privateServer.url();
        } else {
            clickHouseUrl = SHARED_CLICKHOUSE;
        }
        return Map.of(
                "mp.messaging.incoming.enriched.topic", enrichedTopic,
                "mp.messaging.incoming.enriched.group.id", "clickhouse-loader-test-" + run,
                "mp.messaging.outgoing.dlq.topic", dlqTopic,
                "clickhouse.url", clickHouseUrl,
                "clickhouse.database", database);
    }

    @Override
    public void stop() {
        if (usePrivate) {
            privateServer.close();
            privateServer = null;
        } else {
            new ClickHouseHttp(clickHouseUrl, "system").query("DROP DATABASE IF EXISTS `" + database + "`");
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(enrichedTopic, dlqTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("deleting test topics", e);
        }
    }

    static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        return Admin.create(props);
    }
}
