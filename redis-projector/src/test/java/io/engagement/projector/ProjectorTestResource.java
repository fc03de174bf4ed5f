package io.engagement.projector;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own input topic, consumer group and private Redis, so tests assert on exactly what they
 * produced. Kafka is the shared local broker.
 */
public class ProjectorTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092");
    // Fresh per start: a test profile restarts Quarkus and gets its own topic, group and Redis.
    public static volatile String TOPIC;
    public static volatile String GROUP;
    public static volatile PrivateRedis REDIS;

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TOPIC = "test.redis-projector.totals." + run;
        GROUP = "redis-projector-test-" + run;
        REDIS = new PrivateRedis();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + TOPIC, e);
        }
        REDIS.start();
        return Map.of(
                "quarkus.redis.hosts", REDIS.url(),
                "kafka.bootstrap.servers", BOOTSTRAP,
                "mp.messaging.incoming.totals.topic", TOPIC,
                "mp.messaging.incoming.totals.group.id", GROUP);
    }

    @Override
    public void stop() {
        REDIS.stop();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(config)) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
            admin.deleteConsumerGroups(List.of(GROUP)).all().get();
        } catch (Exception e) {
            // Leftover test topics are harmless; the run id keeps them apart.
        }
    }
}
