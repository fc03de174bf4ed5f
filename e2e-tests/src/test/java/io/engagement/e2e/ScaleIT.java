package io.engagement.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/**
 * `./pipeline scale stream-processor 3` — the local twin of `replicas: 3` — shares the work, stays exact, and stays
 * healthy: no instance is fenced and the broker rejects no transactional batch while the three share the load
 * (on a 2-core machine both happened every minute or two with the client and broker defaults).
 */
class ScaleIT {

    @Test
    void threeProcessorInstancesSharePartitionsAndEmitEachEventOnce() throws Exception {
        Fleet.start();
        LogWatch logs = LogWatch.from("stream-processor", "stream-processor#1", "stream-processor#2", "kafka");
        Fleet.pipeline("scale", "stream-processor", "3");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) Stack.KAFKA))) {
            await("three members in the stream-processor group").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> admin.describeConsumerGroups(Set.of("stream-processor")).all().get()
                            .get("stream-processor").members().size() == 3);

            Map<Integer, Long> start = TopicReader.endOffsets(Topics.ENRICHED);
            long baseline = GroundTruth.maxEventId();
            Stack.json("POST", Stack.SIMULATOR + "/simulator/burst?events=3000", null);
            long upper = GroundTruth.maxEventId();
            Set<Long> expected = GroundTruth.validEvents(baseline, upper).keySet();
            Sinks.awaitCaughtUp(expected, baseline, upper);

            Map<Long, Integer> emitted = new HashMap<>();
            TopicReader.read(Topics.ENRICHED, start, record -> {
                try {
                    JsonNode event = JsonSerdes.mapper().readTree(record.value());
                    long id = event.path("event_id").asLong();
                    if (id > baseline && id <= upper) {
                        emitted.merge(id, 1, Integer::sum);
                    }
                } catch (Exception e) {
                    throw new AssertionError("undecodable enriched record at offset " + record.offset(), e);
                }
            });
            assertEquals(expected, emitted.keySet(), "every event was enriched");
            assertEquals(Set.of(1), Set.copyOf(emitted.values()), "and each exactly once across three instances");
            assertEquals(List.of(), logs.matches(LogWatch.FENCED), "no processor instance was fenced");
            assertEquals(List.of(), logs.matches(LogWatch.OUT_OF_ORDER), "no transactional batch was rejected");
        } finally {
            Fleet.pipeline("scale", "stream-processor", "1");
        }
    }
}
