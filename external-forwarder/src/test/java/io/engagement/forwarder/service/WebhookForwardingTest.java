package io.engagement.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.forwarder.support.DlqReader;
import io.engagement.forwarder.support.EnrichedEvents;
import io.engagement.forwarder.support.FreshConsumerGroup;
import io.engagement.forwarder.support.Receiver;
import io.engagement.forwarder.support.ReceiverProcess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The forwarder against the real receiver process and the real broker: whatever the receiver does, every event
 * published to engagements.enriched arrives exactly once (by event id), or lands in the DLQ when refused.
 */
@QuarkusTest
@QuarkusTestResource(ReceiverProcess.class)
@QuarkusTestResource(FreshConsumerGroup.class)
class WebhookForwardingTest {
    private static final Duration DELIVERY = Duration.ofSeconds(60);
    /** Outage length for receiverDownThenUp; -Doutage.seconds=60 runs the full minute. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 20));

    @Inject
    MeterRegistry registry;

    @AfterEach
    void clearFaults() {
        Receiver.clearFaults();
    }

    @Test
    void everyEventArrivesExactlyOnceSignedAndInTheReceiversFormat() {
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(120);

            awaitDeliveredExactlyOnce(ids);
            JsonPath first = Receiver.event(ids.get(0));
            EnrichedEvent expected = EnrichedEvents.event(ids.get(0), CdcOp.CREATE);
            assertThat(first.getString("[0].event.type")).isEqualTo("play");
            assertThat(first.getString("[0].event.engaged_seconds")).isEqualTo("12.345");
            assertThat(first.getString("[0].event.content.slug")).isEqualTo(expected.slug());
            assertThat(first.getString("[0].event.client_payload.app")).isEqualTo("1.2");
            assertThat(first.getBoolean("[0].event.replay")).isFalse();
            assertThat(first.getString("[0].event.change")).isEqualTo("insert");
            assertThat(first.getLong("[0].event.version")).isEqualTo(expected.version());
        }
        assertThat(Receiver.summary("bad_signatures")).as("receiver refused a signature").isZero();
        assertThat(registry.find("pipeline.e2e.latency").tag("sink", "webhook").timer().count()).isGreaterThanOrEqualTo(120);
    }

    @Test
    void replaysAreForwardedMarkedAsReplayByDefault() {
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(10, CdcOp.READ);

            awaitDeliveredExactlyOnce(ids);
            assertThat(Receiver.event(ids.get(0)).getBoolean("[0].event.replay")).isTrue();
            assertThat(Receiver.event(ids.get(0)).getString("[0].event.change")).isEqualTo("replay");
        }
    }

    @Test
    void correctionsAndDeletionsArriveMarkedWithTheirVersionAndTheReceiverKeepsTheNewest() {
        long corrected = EnrichedEvents.freshId();
        long deleted = EnrichedEvents.freshId();
        UUID content = UUID.randomUUID();
        try (EnrichedEvents events = new EnrichedEvents()) {
            events.send(EnrichedEvents.event(corrected, CdcOp.CREATE, content, 100));
            events.send(EnrichedEvents.event(deleted, CdcOp.CREATE, content, 110));
            events.flush();
            awaitDeliveredExactlyOnce(List.of(corrected, deleted));
            // The same two event ids again, in a later batch: new versions, so not a retry of the first batch.
            events.send(EnrichedEvents.event(corrected, CdcOp.UPDATE, content, 200));
            events.send(EnrichedEvents.event(deleted, CdcOp.DELETE, content, 300));
            events.flush();

            await("the correction and the deletion delivered").atMost(DELIVERY).pollInterval(Duration.ofMillis(250))
                    .until(() -> Receiver.deliveries(List.of(corrected, deleted)),
                            got -> got.getOrDefault(corrected, 0) == 2 && got.getOrDefault(deleted, 0) == 2);
        }
        JsonPath update = Receiver.event(corrected);
        assertThat(update.getString("[0].event.change")).isEqualTo("update");
        assertThat(update.getLong("[0].event.version")).isEqualTo(200);
        JsonPath deletion = Receiver.event(deleted);
        assertThat(deletion.getString("[0].event.change")).isEqualTo("delete");
        assertThat(deletion.getLong("[0].event.version")).isEqualTo(300);
    }

    @Test
    void fiveHundredsForSecondsAreRetriedUntilEveryEventArrivesOnce() {
        double retriesBefore = retries("http-500");
        Receiver.arm("{\"fail_500_seconds\": 4}");
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            List<Long> ids = events.publish(80);

            awaitDeliveredExactlyOnce(ids);
            // An outage answers 500 to everything: halving finds no event to blame, none may be dead-lettered.
            assertThat(dlq.poll().stream().filter(r -> ids.contains(eventId(r)))).as("events dead-lettered").isEmpty();
        }
        assertThat(retries("http-500")).isGreaterThan(retriesBefore);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 404})
    void anEndpointRefusingEveryBatchStallsDeliveryInsteadOfDeadLetteringTheStream(int status) {
        double retriesBefore = retries("http-" + status);
        Receiver.arm("{\"refuse_status\": " + status + ", \"refuse_seconds\": 4}");
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            List<Long> ids = events.publish(30);

            awaitDeliveredExactlyOnce(ids);
            assertThat(dlq.poll().stream().filter(r -> ids.contains(eventId(r)))).as("events dead-lettered").isEmpty();
        }
        assertThat(retries("http-" + status)).isGreaterThan(retriesBefore);
    }

    @Test
    void anEventTheReceiverKeepsAnswering500ForGoesToTheDlqAsExhaustedAndTheRestArrive() {
        long bad = EnrichedEvents.freshId();
        Receiver.arm("{\"fail_event_id\": " + bad + "}");
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            List<Long> good = new java.util.ArrayList<>(events.publish(20));
            events.send(EnrichedEvents.event(bad, CdcOp.CREATE));
            good.addAll(events.publish(20));

            awaitDeliveredExactlyOnce(good);
            ConsumerRecord<String, byte[]> dead = awaitDeadLettered(dlq, bad, DELIVERY);
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.REASON)).isEqualTo("webhook-exhausted");
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL)).startsWith("HTTP 500 3 times in a row")
                    .endsWith("while the receiver accepted other events");
            assertThat(Receiver.deliveries(List.of(bad))).isEmpty();
        }
    }

    @Test
    void aLoneFailingEventWithNothingElseToProveItBadIsRetriedForGiveUpAfterThenDeadLettered() {
        long bad = EnrichedEvents.freshId();
        Receiver.arm("{\"fail_event_id\": " + bad + "}");
        long start = System.nanoTime();
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            events.send(EnrichedEvents.event(bad, CdcOp.CREATE));
            events.flush();

            ConsumerRecord<String, byte[]> dead = awaitDeadLettered(dlq, bad, DELIVERY.plusSeconds(15));
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL)).endsWith("for PT15S (forwarder.retry.give-up-after)");
        }
        // %test.forwarder.retry.give-up-after=15s: an outage must not dead-letter an event any sooner.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void throttlingWith429WaitsForRetryAfterThenDeliversOnce() {
        double retriesBefore = retries("http-429");
        Receiver.arm("{\"throttle_requests\": 2, \"retry_after_seconds\": 2}");
        long start = System.nanoTime();
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(30);

            awaitDeliveredExactlyOnce(ids);
        }
        // Two 429s with Retry-After: 2 cost at least 4 s; the 100 ms test backoff alone would have retried at once.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
        assertThat(retries("http-429")).isGreaterThanOrEqualTo(retriesBefore + 2);
    }

    @Test
    void slowResponsesWithinTheTimeoutAreNotResent() {
        Receiver.arm("{\"slow_ms\": 1500, \"slow_requests\": 3}");
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(60);

            awaitDeliveredExactlyOnce(ids);
        }
    }

    @Test
    void connectionResetsAreRetriedUntilEveryEventArrivesOnce() {
        double retriesBefore = retries("no-answer");
        Receiver.arm("{\"reset_requests\": 3}");
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(40);

            awaitDeliveredExactlyOnce(ids);
        }
        assertThat(retries("no-answer")).isGreaterThan(retriesBefore);
    }

    @Test
    void aJsonNullAndAnEventWithoutIdGoToTheDlqAndTheRestArrive() {
        String key = "hostile-" + UUID.randomUUID();
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            events.sendRaw(key, "null");
            events.sendRaw(key, "{}");
            List<Long> good = events.publish(10);

            awaitDeliveredExactlyOnce(good);
            List<ConsumerRecord<String, byte[]>> dead = await("both hostile records in the DLQ").atMost(DELIVERY)
                    .until(() -> dlq.poll().stream().filter(r -> key.equals(r.key())).toList(), r -> r.size() == 2);
            assertThat(dead).allSatisfy(r -> {
                assertThat(DlqHeaders.text(r.headers(), DlqHeaders.REASON)).isEqualTo("invalid-record");
                assertThat(DlqHeaders.text(r.headers(), DlqHeaders.STAGE)).isEqualTo("external-forwarder");
            });
        }
        assertThat(Receiver.deliveries(List.of(0L))).as("nothing forwarded as event 0").isEmpty();
    }

    @Test
    void eventsNoSinkCouldHoldGoToTheDlqAndTheChannelKeepsForwarding() throws Exception {
        // Before: no op failed the batch on a NullPointerException and 1e999999999 on writing the batch, and the nack
        // stopped the channel for good; an unknown event type was forwarded although ClickHouse refuses it.
        String key = "unholdable-" + UUID.randomUUID();
        long noOp = EnrichedEvents.freshId();
        long huge = EnrichedEvents.freshId();
        long unknownType = EnrichedEvents.freshId();
        String template = JsonSerdes.mapper().writeValueAsString(EnrichedEvents.event(1, CdcOp.CREATE));
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            events.sendRaw(key, "{\"event_id\": " + noOp + "}");
            events.sendRaw(key, template.replace("\"event_id\":1,", "\"event_id\":" + huge + ",")
                    .replace("\"engagement_seconds\":12.345", "\"engagement_seconds\":1e999999999"));
            events.sendRaw(key, template.replace("\"event_id\":1,", "\"event_id\":" + unknownType + ",")
                    .replace("\"event_type\":\"play\"", "\"event_type\":\"explode\""));
            List<Long> good = events.publish(10);

            awaitDeliveredExactlyOnce(good);
            List<ConsumerRecord<String, byte[]>> dead = await("the three records in the DLQ").atMost(DELIVERY)
                    .until(() -> dlq.poll().stream().filter(r -> key.equals(r.key())).toList(), r -> r.size() == 3);
            assertThat(dead).allSatisfy(r -> {
                assertThat(DlqHeaders.text(r.headers(), DlqHeaders.REASON)).isEqualTo("invalid-record");
                assertThat(DlqHeaders.text(r.headers(), DlqHeaders.STAGE)).isEqualTo("external-forwarder");
            });
        }
        assertThat(Receiver.deliveries(List.of(noOp, huge, unknownType))).as("none of them forwarded").isEmpty();
    }

    @Test
    void eventTheReceiverRejectsGoesToTheDlqWithItsStatusAndTheRestArrive() {
        try (EnrichedEvents events = new EnrichedEvents(); DlqReader dlq = new DlqReader()) {
            long bad = EnrichedEvents.freshId();
            Receiver.arm("{\"reject_event_id\": " + bad + "}");
            List<Long> before = events.publish(20);
            events.send(EnrichedEvents.event(bad, CdcOp.CREATE));
            List<Long> after = events.publish(20);

            List<Long> good = new java.util.ArrayList<>(before);
            good.addAll(after);
            awaitDeliveredExactlyOnce(good);
            ConsumerRecord<String, byte[]> dead = awaitDeadLettered(dlq, bad, DELIVERY);
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.REASON)).isEqualTo("webhook-rejected");
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.STAGE)).isEqualTo("external-forwarder");
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL)).startsWith("HTTP 400").contains(Long.toString(bad));
            assertThat(DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC)).isEqualTo("engagements.enriched");
            assertThat(Receiver.deliveries(List.of(bad))).isEmpty();
            assertThat(dlq.poll().stream().filter(r -> good.contains(eventId(r)))).as("good events dead-lettered").isEmpty();
        }
    }

    @Test
    void receiverDownForAWhileThenUpGetsEveryEventOnce() {
        ReceiverProcess receiver = ReceiverProcess.current();
        double deliveredBefore = delivered();
        receiver.halt();
        try (EnrichedEvents events = new EnrichedEvents()) {
            List<Long> ids = events.publish(60);

            await("circuit opens while the receiver is down").atMost(DELIVERY)
                    .until(() -> registry.get("pipeline.webhook.circuit.open").gauge().value() == 1.0);
            // The whole outage: nothing may be counted as delivered while nobody is listening.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30))
                    .until(() -> delivered() == deliveredBefore);
            receiver.launch();

            awaitDeliveredExactlyOnce(ids);
        } finally {
            if (!receiverAnswers()) {
                receiver.launch();
            }
        }
        assertThat(registry.get("pipeline.webhook.circuit.open").gauge().value()).isZero();
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLettered(DlqReader dlq, long eventId, Duration within) {
        return await("event " + eventId + " in the DLQ").atMost(within)
                .until(() -> dlq.poll().stream().filter(r -> eventId(r) == eventId).findFirst().orElse(null),
                        r -> r != null);
    }

    private static void awaitDeliveredExactlyOnce(List<Long> ids) {
        Set<Long> expected = new HashSet<>(ids);
        await("all " + ids.size() + " events delivered").atMost(DELIVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> Receiver.deliveries(expected).keySet(), got -> got.containsAll(expected));
        Map<Long, Integer> deliveries = Receiver.deliveries(expected);
        assertThat(deliveries.values()).as("deliveries per event").containsOnly(1);
    }

    private double retries(String cause) {
        return registry.find("pipeline.webhook.retries").tag("cause", cause).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double delivered() {
        return registry.get("pipeline.webhook.delivered").counter().count();
    }

    private static boolean receiverAnswers() {
        try {
            Receiver.summary("batches");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return JsonSerdes.mapper().readTree(new String(record.value(), StandardCharsets.UTF_8)).path("event_id").asLong();
        } catch (Exception e) {
            return -1;
        }
    }
}
