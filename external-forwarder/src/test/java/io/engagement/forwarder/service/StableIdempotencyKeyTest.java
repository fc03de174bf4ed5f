package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.engagement.forwarder.support.Receiver;
import io.engagement.forwarder.support.ReceiverProcess;
import io.engagement.forwarder.support.TransactionalBacklog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * A restart re-delivers from the last committed offset, which need not be where a poll began the first time: the
 * re-delivered events must reach the receiver in the same batches, under the same Idempotency-Keys.
 */
@QuarkusTest
@TestProfile(StableIdempotencyKeyTest.SmallBatches.class)
@QuarkusTestResource(ReceiverProcess.class)
@QuarkusTestResource(TransactionalBacklog.class)
class StableIdempotencyKeyTest {
    private static final int MAX_EVENTS = 10;
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    /** Batches of 10 events, polls of up to 100: the whole backlog arrives in one poll. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forwarder.batch.max-events", Integer.toString(MAX_EVENTS),
                    "forwarder.batch.poll-events", "100");
        }
    }

    @Inject
    KafkaClientService kafka;

    @Test
    void eventsRedeliveredFromACommittedOffsetArriveUnderTheKeysTheyFirstHad() {
        Map<Long, Long> offsets = TransactionalBacklog.offsets();
        await("backlog delivered").atMost(DELIVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> Receiver.batchKeys(offsets.keySet()).size() == offsets.size());

        // The first batch boundary inside the backlog, as the committed offset a restarted forwarder resumes from.
        long first = offsets.values().iterator().next();
        long resumeAt = (first / MAX_EVENTS + 1) * MAX_EVENTS;
        kafka.getConsumer("enriched").seek(TransactionalBacklog.partition(), resumeAt).await()
                .atMost(Duration.ofSeconds(10));

        List<Long> redelivered = offsets.entrySet().stream().filter(e -> e.getValue() >= resumeAt)
                .map(Map.Entry::getKey).toList();
        Map<Long, List<String>> keys = await("backlog from offset " + resumeAt + " delivered again").atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(250)).until(() -> Receiver.batchKeys(offsets.keySet()),
                        got -> redelivered.stream().allMatch(id -> got.get(id).size() >= 2));

        Map<Long, List<String>> changed = new TreeMap<>();
        offsets.forEach((id, offset) -> {
            List<String> seen = keys.get(id);
            if (offset >= resumeAt && !seen.get(0).equals(seen.get(1))) {
                changed.put(offset, seen);
            }
        });
        assertThat(redelivered).as("events redelivered from offset " + resumeAt).isNotEmpty();
        assertThat(changed).as("offset → keys of the events whose second delivery came under a different key "
                + "(backlog at offsets " + first + ".., resumed at " + resumeAt + ")").isEmpty();
        offsets.forEach((id, offset) -> {
            if (offset < resumeAt) {
                assertThat(keys.get(id)).as("event at offset " + offset + ", before the resume point").hasSize(1);
            }
        });
    }
}
