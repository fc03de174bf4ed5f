package io.engagement.processor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.engagement.contracts.SourcePartitions;
import io.engagement.contracts.Topics;
import io.engagement.processor.support.KafkaSupport;
import io.engagement.processor.support.SourceDatabase;

/**
 * The one-hop topology rests on the connector putting a content row and every change of its events in the partition
 * {@link SourcePartitions} computes (a task sees only its partitions, and sends moved-out notices by that formula).
 * Checked against the real connector: inserts, an update that moves an event to another content (routed by the new
 * content) and a delete (routed by the old row's content, which needs REPLICA IDENTITY FULL).
 */
class SourceRoutingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyChangeOfAContentAndItsEventsLandsInThePartitionTheProcessorComputes() throws Exception {
        try (KafkaConsumer<byte[], byte[]> content = fromEnd(Topics.CONTENT_CDC);
                KafkaConsumer<byte[], byte[]> events = fromEnd(Topics.EVENTS_CDC);
                SourceDatabase db = new SourceDatabase()) {
            int partitions = content.assignment().size();
            assertEquals(partitions, events.assignment().size(), "both CDC topics must have the same partition count");

            List<UUID> contents = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                contents.add(db.insertContent("routing " + i, 60));
            }
            List<Long> eventIds = db.insertEvents(contents, "play", 1_000);
            // The move goes to a content of another partition, so a wrong routing could not pass by luck.
            UUID from = contents.get(0);
            UUID to = contents.stream().filter(c -> partitionOf(c, partitions) != partitionOf(from, partitions))
                    .findFirst().orElseThrow();
            db.moveEvent(eventIds.get(0), to);
            db.deleteEvent(eventIds.get(1));

            Set<UUID> ours = new HashSet<>(contents);
            Map<String, Integer> contentPartition = new HashMap<>();
            Map<String, List<Integer>> eventPartitions = new HashMap<>();
            Map<String, String> eventOps = new HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : content.poll(Duration.ofMillis(200))) {
                    JsonNode row = row(r);
                    if (ours.contains(UUID.fromString(row.get("id").asText()))) {
                        contentPartition.put(row.get("id").asText(), r.partition());
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : events.poll(Duration.ofMillis(200))) {
                    JsonNode row = row(r);
                    if (ours.contains(UUID.fromString(row.get("content_id").asText()))) {
                        String key = row.get("id").asText() + "/" + JSON.readTree(r.value()).get("op").asText();
                        eventPartitions.computeIfAbsent(key, k -> new ArrayList<>()).add(r.partition());
                        eventOps.put(key, row.get("content_id").asText());
                    }
                }
                return contentPartition.size() == contents.size() && eventOps.size() == eventIds.size() + 2;
            });

            contentPartition.forEach((id, partition) -> assertEquals(partitionOf(UUID.fromString(id), partitions),
                    partition, "content " + id));
            eventOps.forEach((key, contentId) -> assertEquals(List.of(partitionOf(UUID.fromString(contentId),
                    partitions)), eventPartitions.get(key), "event change " + key + " of content " + contentId));
            assertEquals(to.toString(), eventOps.get(eventIds.get(0) + "/u"), "the move is routed by its new content");
            assertEquals(contents.get(1).toString(), eventOps.get(eventIds.get(1) + "/d"),
                    "the delete is routed by the content of its old row");
        }
    }

    private static int partitionOf(UUID contentId, int partitions) {
        return SourcePartitions.of(contentId.toString(), partitions);
    }

    /** The row a change is about: the new one, or for a delete the old one. */
    private static JsonNode row(ConsumerRecord<byte[], byte[]> record) throws java.io.IOException {
        JsonNode envelope = JSON.readTree(record.value());
        return envelope.get("after").isNull() ? envelope.get("before") : envelope.get("after");
    }

    private static KafkaConsumer<byte[], byte[]> fromEnd(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = KafkaSupport.readCommitted(topic);
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }
}
