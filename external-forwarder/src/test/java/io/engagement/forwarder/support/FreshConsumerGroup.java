package io.engagement.forwarder.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.engagement.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A consumer group unique to this test run, positioned at the current end of engagements.enriched before the
 * forwarder starts: it sees only records produced from now on (the topic is shared and never empty), and no record
 * produced during the test can slip past an "auto.offset.reset=latest" race.
 */
public class FreshConsumerGroup implements QuarkusTestResourceLifecycleManager {

    public static String bootstrapServers() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092");
    }

    @Override
    public Map<String, String> start() {
        String group = "external-forwarder-test-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ENRICHED)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.ENRICHED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ENRICHED, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((p, info) -> ends.put(p, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare consumer group " + group, e);
        }
        return Map.of("mp.messaging.incoming.enriched.group.id", group);
    }

    @Override
    public void stop() {
        // The group expires with the broker's offsets retention; deleting it races the consumer's last commit.
    }
}
