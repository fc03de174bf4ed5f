import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds the forwarder benchmark (bench.sh): EnrichedEvent JSON on a private topic, source_ts_ms = send time.
 * Usage: java BenchProducer.java BOOTSTRAP TOPIC create|steady RATE SECONDS|burst COUNT|delete
 */
public class BenchProducer {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        switch (args[2]) {
            case "create" -> {
                try (Admin admin = Admin.create(props)) {
                    admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
                }
            }
            case "delete" -> {
                try (Admin admin = Admin.create(props)) {
                    admin.deleteTopics(List.of(topic)).all().get();
                }
            }
            case "steady" -> produce(props, topic, Integer.parseInt(args[3]), Integer.parseInt(args[3]) * Integer.parseInt(args[4]));
            case "burst" -> produce(props, topic, 0, Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[2]);
        }
    }

    /** rate 0 = as fast as the producer goes. */
    private static void produce(Properties props, String topic, int rate, int count) {
        props.put("acks", "all");
        props.put("linger.ms", rate == 0 ? "20" : "0");
        props.put("batch.size", "262144");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            UUID[] contents = new UUID[500];
            for (int i = 0; i < contents.length; i++) {
                contents[i] = UUID.randomUUID();
            }
            long base = ThreadLocalRandom.current().nextLong(1L << 50, 1L << 61);
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                UUID content = contents[i % contents.length];
                long now = System.currentTimeMillis();
                String json = "{\"event_id\":" + (base + i) + ",\"content_id\":\"" + content + "\",\"user_id\":\""
                        + UUID.randomUUID() + "\",\"event_type\":\"play\",\"event_ts\":\"" + java.time.Instant.ofEpochMilli(now)
                        + "\",\"duration_ms\":30000,\"engagement_seconds\":30.000,\"engagement_pct\":10.00,\"device\":\"web\","
                        + "\"raw_payload\":\"{}\",\"slug\":\"bench\",\"title\":\"Bench\",\"content_type\":\"podcast\","
                        + "\"length_seconds\":300,\"op\":\"c\",\"source_ts_ms\":" + now + ",\"processed_ts_ms\":" + now + "}";
                producer.send(new ProducerRecord<>(topic, content.toString(), json));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("produced %d events in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    }
}
