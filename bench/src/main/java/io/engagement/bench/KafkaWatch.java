package io.engagement.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets of the pipeline's topics and the lag of every consumer group, read with Kafka's Admin client. */
final class KafkaWatch implements AutoCloseable {
    private final Admin admin;

    record Snapshot(Map<String, Long> topicEnds, Map<String, Long> groupLag) {
    }

    KafkaWatch(BenchEnv env) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        admin = Admin.create(props);
    }

    Snapshot snapshot() throws Exception {
        Set<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith("pg.public.") || t.startsWith("engagements.")).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<String, Long> topicEnds = new TreeMap<>();
        ends.forEach((tp, end) -> topicEnds.merge(tp.topic(), end, Long::sum));

        Map<String, Long> lag = new TreeMap<>();
        for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
            if (group.groupId().startsWith("bench-") || group.groupId().contains("test")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            long total = 0;
            for (var entry : committed.entrySet()) {
                Long end = ends.get(entry.getKey());
                if (end != null && entry.getValue() != null) {
                    total += Math.max(0, end - entry.getValue().offset());
                }
            }
            if (!committed.isEmpty()) {
                lag.put(group.groupId(), total);
            }
        }
        return new Snapshot(topicEnds, lag);
    }

    /**
     * Waits until every pipeline group is within {@code threshold} records of its topics' ends (EOS commit markers
     * keep a read_committed lag from ever reading exactly 0), printing the lags meanwhile.
     */
    void awaitCaughtUp(long threshold, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> lags = snapshot().groupLag();
        if (lags.values().stream().allMatch(lag -> lag <= threshold)) {
            return;
        }
        while (lags.values().stream().anyMatch(lag -> lag > threshold)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer lag did not drain within " + timeout + ": " + lags);
            }
            System.out.printf("\rcatching up with an earlier backlog before starting (lag per group): %s   ", lags);
            System.out.flush();
            Thread.sleep(1000);
            lags = snapshot().groupLag();
        }
        System.out.println();
    }

    @Override
    public void close() {
        admin.close();
    }
}
