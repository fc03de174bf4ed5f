package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.engagement.contracts.CdcOp;
import io.engagement.forwarder.support.EnrichedEvents;
import io.engagement.forwarder.support.FreshConsumerGroup;
import io.engagement.forwarder.support.Receiver;
import io.engagement.forwarder.support.ReceiverProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With forwarder.forward-replays=false a backfill's op=r events are counted and skipped; live events still flow. */
@QuarkusTest
@TestProfile(ReplaysOffTest.ReplaysOff.class)
@QuarkusTestResource(ReceiverProcess.class)
@QuarkusTestResource(FreshConsumerGroup.class)
class ReplaysOffTest {

    public static class ReplaysOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forwarder.forward-replays", "false");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void replaysAreSkippedAndCountedWhileLiveEventsArrive() {
        double skippedBefore = registry.get("pipeline.webhook.skipped").counter().count();
        UUID content = UUID.randomUUID();
        try (EnrichedEvents events = new EnrichedEvents()) {
            // Same key, same partition: once the live events behind them arrive, the replays were consumed.
            List<Long> replays = events.publish(10, CdcOp.READ, content);
            List<Long> live = events.publish(10, CdcOp.CREATE, content);

            await("live events delivered").atMost(Duration.ofSeconds(60))
                    .until(() -> Receiver.deliveries(live).keySet().containsAll(live));
            assertThat(Receiver.deliveries(replays)).as("replays forwarded").isEmpty();
        }
        assertThat(registry.get("pipeline.webhook.skipped").counter().count()).isGreaterThanOrEqualTo(skippedBefore + 10);
    }
}
