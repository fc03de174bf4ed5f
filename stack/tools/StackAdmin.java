import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Kafka chores for ./pipeline, run with the broker's own jars (java -cp 'lib/*' StackAdmin.java ...):
 * wait for the broker, create the topics of stack/topics.conf, finalize a feature level (transaction.version).
 */
public class StackAdmin {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StackAdmin BOOTSTRAP wait-broker SECONDS | create-topics FILE | feature NAME LEVEL");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        // Each call retries for up to 60 s. A broker restarted after kill -9 under load answers describeCluster, and
        // can then still take over 10 s to take the next request while it loads its coordinators and every client
        // reconnects: ./pipeline chaos once failed there ("Timed out waiting for a node assignment. Call:
        // describeFeatures").
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            switch (args[1]) {
                case "wait-broker" -> waitBroker(admin, Long.parseLong(args[2]));
                case "create-topics" -> createTopics(admin, Path.of(args[2]));
                case "feature" -> finalizeFeature(admin, args[2], Short.parseShort(args[3]));
                default -> {
                    System.err.println("unknown command " + args[1]);
                    System.exit(2);
                }
            }
        }
    }

    static void waitBroker(Admin admin, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            try {
                int nodes = admin.describeCluster().nodes().get().size();
                if (nodes > 0) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("broker not ready: " + e.getCause());
                    System.exit(1);
                }
            }
            Thread.sleep(200);
        }
    }

    /** Moves a finalized feature to LEVEL (up, or a safe downgrade) unless it is there already. */
    static void finalizeFeature(Admin admin, String feature, short level) throws Exception {
        FinalizedVersionRange current = admin.describeFeatures().featureMetadata().get().finalizedFeatures().get(feature);
        short now = current == null ? 0 : current.maxVersionLevel();
        if (now == level) {
            return;
        }
        FeatureUpdate.UpgradeType type = level > now ? FeatureUpdate.UpgradeType.UPGRADE
                : FeatureUpdate.UpgradeType.SAFE_DOWNGRADE;
        admin.updateFeatures(Map.of(feature, new FeatureUpdate(level, type)), new UpdateFeaturesOptions()).all().get();
        System.out.println("feature " + feature + ": " + now + " -> " + level);
    }

    /**
     * Creates the missing topics; on existing ones sets the configs the file lists (partitions stay), so a stack
     * created before a limit was raised gets it at the next ./pipeline up instead of only after a purge.
     */
    static void createTopics(Admin admin, Path file) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            Map<String, String> configs = new HashMap<>();
            if (parts.length > 2) {
                for (String kv : parts[2].split(",(?=[a-z.]+=)")) {
                    String[] pair = kv.split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            if (existing.contains(parts[0])) {
                if (!configs.isEmpty()) {
                    changes.put(new ConfigResource(ConfigResource.Type.TOPIC, parts[0]), configs.entrySet().stream()
                            .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()),
                                    AlterConfigOp.OpType.SET))
                            .toList());
                }
                continue;
            }
            missing.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1).configs(configs));
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        missing.forEach(t -> System.out.println("created topic " + t.name() + " (" + t.numPartitions() + " partitions)"));
    }
}
