package io.engagement.loader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.loader.support.ClickHouseHttp;
import io.engagement.loader.support.LoaderTestResources;
import io.engagement.loader.support.PrivateClickHouse;
import io.engagement.loader.support.TestEvents;
import io.engagement.loader.support.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Runs against a private clickhouse-server so stopping it disturbs nobody else on the shared stack. */
@QuarkusTest
@WithTestResource(value = LoaderTestResources.class, initArgs = @ResourceArg(name = "clickhouse", value = "private"))
class ClickHouseOutageTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ConfigProperty(name = "mp.messaging.incoming.enriched.topic")
    String topic;
    @ConfigProperty(name = "mp.messaging.incoming.enriched.group.id")
    String group;
    @ConfigProperty(name = "clickhouse.url")
    String clickHouseUrl;
    @ConfigProperty(name = "clickhouse.database")
    String database;

    @Test
    void clickHouseStoppedMidStreamLosesNothingAndCommitsNothingEarly() throws Exception {
        PrivateClickHouse server = LoaderTestResources.privateServer();
        ClickHouseHttp clickHouse = new ClickHouseHttp(clickHouseUrl, database);
        List<EnrichedEvent> before = TestEvents.forNewContent(400);
        UUID content = before.get(0).contentId();
        String count = "SELECT count() FROM engagement_events FINAL WHERE content_id = '" + content + "'";

        TestKafka.produceEvents(topic, before);
        await().atMost(DEADLINE).until(() -> clickHouse.count(count) == before.size());
        await().atMost(DEADLINE).until(() -> TestKafka.committed(group, topic) == TestKafka.endOffsets(topic));
        long committedBeforeOutage = TestKafka.committed(group, topic);

        List<EnrichedEvent> during = TestEvents.forNewContent(400).stream()
                .map(e -> new EnrichedEvent(e.eventId(), content, e.userId(), e.eventType(), e.eventTs(), e.durationMs(),
                        e.engagementSeconds(), e.engagementPct(), e.device(), e.rawPayload(), e.slug(), e.title(),
                        e.contentType(), e.lengthSeconds(), e.op(), e.sourceTsMs(), e.processedTsMs(), e.version()))
                .toList();
        try {
            server.stop();
            TestKafka.produceEvents(topic, during);
            await().atMost(DEADLINE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // The loader holds the batch and retries: no offset past the outage may be committed meanwhile.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> TestKafka.committed(group, topic) == committedBeforeOutage);
        } finally {
            server.start();
        }

        await().atMost(DEADLINE).until(() -> clickHouse.count(count) == before.size() + during.size());
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(DEADLINE).until(() -> TestKafka.committed(group, topic) == TestKafka.endOffsets(topic));
        assertThat(clickHouse.count("SELECT uniqExact(event_id) FROM engagement_events WHERE content_id = '" + content + "'"))
                .isEqualTo(before.size() + during.size());
    }
}
