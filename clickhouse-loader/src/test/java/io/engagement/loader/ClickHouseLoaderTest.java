package io.engagement.loader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.loader.support.ClickHouseHttp;
import io.engagement.loader.support.LoaderTestResources;
import io.engagement.loader.support.TestEvents;
import io.engagement.loader.support.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LoaderTestResources.class)
class ClickHouseLoaderTest {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "mp.messaging.incoming.enriched.topic")
    String topic;
    @ConfigProperty(name = "mp.messaging.outgoing.dlq.topic")
    String dlqTopic;
    @ConfigProperty(name = "clickhouse.url")
    String clickHouseUrl;
    @ConfigProperty(name = "clickhouse.database")
    String database;

    private ClickHouseHttp clickHouse() {
        return new ClickHouseHttp(clickHouseUrl, database);
    }

    @Test
    void everyEnrichedEventBecomesExactlyOneRowWithItsFields() throws Exception {
        List<EnrichedEvent> events = TestEvents.forNewContent(1_000);
        UUID content = events.get(0).contentId();
        TestKafka.produceEvents(topic, events);

        await().atMost(DEADLINE).until(() -> clickHouse().count(
                "SELECT count() FROM engagement_events WHERE content_id = '" + content + "'") >= events.size());
        // FINAL: a redelivery after a rebalance may write a row twice until the server merges them.
        assertThat(clickHouse().count("SELECT count() FROM engagement_events FINAL WHERE content_id = '" + content + "'"))
                .isEqualTo(events.size());

        Map<Long, JsonNode> rows = new java.util.HashMap<>();
        for (String line : clickHouse().query("SELECT * FROM engagement_events WHERE content_id = '" + content
                + "' FORMAT JSONEachRow").split("\n")) {
            JsonNode row = JsonSerdes.mapper().readTree(line);
            rows.put(row.get("event_id").asLong(), row);
        }
        for (EnrichedEvent e : events) {
            JsonNode row = rows.get(e.eventId());
            assertThat(row).as("row of event %d", e.eventId()).isNotNull();
            assertThat(row.get("user_id").asText()).isEqualTo(e.userId().toString());
            assertThat(row.get("event_type").asText()).isEqualTo(e.eventType());
            assertThat(row.get("event_ts").asText()).isEqualTo(DATE_TIME.format(e.eventTs()));
            assertThat(row.get("event_ts_ms").asLong()).isEqualTo(e.eventTs().toEpochMilli());
            assertSameDecimal(row.get("engagement_seconds"), e.engagementSeconds());
            assertSameDecimal(row.get("engagement_pct"), e.engagementPct());
            assertThat(row.get("duration_ms").isNull() ? null : row.get("duration_ms").asInt()).isEqualTo(e.durationMs());
            assertThat(row.get("device").asText()).isEqualTo(e.device());
            assertThat(row.get("raw_payload").asText()).isEqualTo(e.rawPayload());
            assertThat(row.get("slug").asText()).isEqualTo(e.slug());
            assertThat(row.get("title").asText()).isEqualTo(e.title());
            assertThat(row.get("content_type").asText()).isEqualTo(e.contentType());
            assertThat(row.get("length_seconds").asInt()).isEqualTo(e.lengthSeconds());
            assertThat(row.get("op").asText()).isEqualTo(e.op());
            assertThat(row.get("source_ts_ms").asLong()).isEqualTo(e.sourceTsMs());
            assertThat(row.get("processed_ts_ms").asLong()).isEqualTo(e.processedTsMs());
            assertThat(row.get("version").asLong()).isEqualTo(e.version());
            assertThat(row.get("is_deleted").asInt()).isZero();
        }
        given().get("/q/metrics").then()
                .body(containsString("pipeline_e2e_latency_seconds_bucket{sink=\"clickhouse\""))
                .body(containsString("pipeline_records_out_total{stage=\"clickhouse-loader\"}"));
    }

    @Test
    void sameBatchDeliveredTwiceLeavesQueryResultsUnchanged() {
        List<EnrichedEvent> events = TestEvents.forNewContent(500);
        UUID content = events.get(0).contentId();
        String where = " WHERE content_id = '" + content + "'";
        String totals = "SELECT count(), sum(engagement_seconds), uniqExact(event_id) FROM engagement_events FINAL" + where + " FORMAT TSV";
        String daily = "SELECT day, events, engagement_seconds, finishes FROM engagements_daily" + where + " ORDER BY day FORMAT TSV";
        TestKafka.produceEvents(topic, events);
        await().atMost(DEADLINE).until(() -> clickHouse().count("SELECT count() FROM engagement_events" + where) >= events.size());
        String totalsOnce = clickHouse().query(totals);
        String dailyOnce = clickHouse().query(daily);

        // Redelivered as-is (a consumer restart) and replayed by a backfill (op r, newer processing time).
        TestKafka.produceEvents(topic, events);
        TestKafka.produceEvents(topic, events.stream().map(TestEvents::replayed).toList());
        // Same key → same partition → in order: once every replay is visible, the plain redelivery was written too.
        await().atMost(DEADLINE).until(() -> clickHouse().count(
                "SELECT count() FROM engagement_events FINAL" + where + " AND op = 'r'") == events.size());

        assertThat(clickHouse().query(totals)).isEqualTo(totalsOnce);
        assertThat(clickHouse().query(daily)).isEqualTo(dailyOnce);
        assertThat(totalsOnce).startsWith(events.size() + "\t");
    }

    @Test
    void theHighestVersionOfAnEventIdIsWhatQueriesSeeWhateverTheArrivalOrder() {
        List<EnrichedEvent> events = TestEvents.forNewContent(4);
        UUID content = events.get(0).contentId();
        UUID otherContent = UUID.randomUUID();
        EnrichedEvent moved = events.get(0);
        EnrichedEvent corrected = TestEvents.correction(moved, otherContent, moved.eventTs().plusSeconds(86_400 * 40),
                4_321, moved.version() + 100);
        EnrichedEvent deleted = events.get(1);
        EnrichedEvent stale = TestEvents.correction(events.get(2), content, events.get(2).eventTs(), 1,
                events.get(2).version() - 1);
        // The stale version arrives last, as a redelivery overtaken by the newer one would, and after a merge: the
        // table's parts merge whenever the server likes, so no wait may count unmerged rows.
        TestKafka.produceEvents(topic, events);
        TestKafka.produceEvents(topic, List.of(corrected, TestEvents.deletion(deleted, deleted.version() + 5),
                TestEvents.deletion(events.get(3).eventId(), events.get(3).version() + 9)));
        List<Long> ids = events.stream().map(EnrichedEvent::eventId).toList();
        Map<Long, Long> newest = Map.of(moved.eventId(), corrected.version(), deleted.eventId(), deleted.version() + 5,
                events.get(2).eventId(), events.get(2).version(), events.get(3).eventId(), events.get(3).version() + 9);
        await().atMost(DEADLINE).until(() -> latestVersions(ids).equals(newest));
        clickHouse().query("OPTIMIZE TABLE engagement_events FINAL");
        // Behind the stale version in its partition: once this is written, so is the stale one.
        EnrichedEvent behindStale = TestEvents.forNewContent(1).get(0);
        TestKafka.produce(topic, List.of(new ProducerRecord<>(topic, content.toString(), TestKafka.json(stale)),
                new ProducerRecord<>(topic, content.toString(), TestKafka.json(behindStale))));
        await().atMost(DEADLINE).until(() -> latestVersions(List.of(behindStale.eventId())).size() == 1);
        assertThat(latestVersions(ids)).isEqualTo(newest);

        String live = "SELECT event_id, toString(content_id), event_ts_ms, duration_ms FROM engagement_events FINAL"
                + " WHERE event_id IN (" + inList(ids) + ") AND is_deleted = 0 ORDER BY event_id FORMAT TSV";
        assertThat(clickHouse().query(live)).isEqualTo(
                moved.eventId() + "\t" + otherContent + "\t" + corrected.eventTs().toEpochMilli() + "\t4321\n"
                        + events.get(2).eventId() + "\t" + content + "\t" + events.get(2).eventTs().toEpochMilli()
                        + "\t" + (events.get(2).durationMs() == null ? "\\N" : events.get(2).durationMs()) + "\n");
        assertThat(clickHouse().count("SELECT count() FROM engagement_events FINAL WHERE event_id IN (" + inList(ids)
                + ") AND is_deleted = 1")).isEqualTo(2);
        assertThat(clickHouse().count("SELECT sum(events) FROM engagements_daily WHERE content_id = '" + content + "'"))
                .isEqualTo(1);
        assertThat(clickHouse().count("SELECT sum(events) FROM engagements_daily WHERE content_id = '" + otherContent
                + "'")).isEqualTo(1);
    }

    @Test
    void poisonRowsGoToTheDlqAndTheRestOfTheBatchIsWritten() {
        List<EnrichedEvent> events = new ArrayList<>(TestEvents.forNewContent(300));
        UUID content = events.get(0).contentId();
        // A time DateTime cannot hold: the server refuses the row (an unknown enum value no longer gets that far).
        EnrichedEvent unparsable = TestEvents.withEventTs(events.get(17), Instant.parse("+10000-01-01T00:00:00Z"));
        events.set(17, unparsable);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.stream()
                .map(e -> new ProducerRecord<>(topic, e.contentId().toString(), TestKafka.json(e))).toList());
        byte[] garbage = ("{not json " + content).getBytes(StandardCharsets.UTF_8);
        records.add(150, new ProducerRecord<>(topic, content.toString(), garbage));
        TestKafka.produce(topic, records);

        await().atMost(DEADLINE).until(() -> clickHouse().count(
                "SELECT count() FROM engagement_events WHERE content_id = '" + content + "'") >= events.size() - 1);
        await().atMost(DEADLINE).until(() -> dlqFor(content).size() >= 2);

        assertThat(clickHouse().count("SELECT count() FROM engagement_events FINAL WHERE content_id = '" + content + "'"))
                .isEqualTo(events.size() - 1);
        assertThat(clickHouse().count("SELECT count() FROM engagement_events WHERE event_id = " + unparsable.eventId())).isZero();
        Map<String, ConsumerRecord<String, byte[]>> byReason = dlqFor(content).stream()
                .collect(Collectors.toMap(r -> DlqHeaders.text(r.headers(), DlqHeaders.REASON), Function.identity()));
        assertThat(byReason).containsOnlyKeys("clickhouse-rejected", "invalid-json");

        ConsumerRecord<String, byte[]> rejected = byReason.get("clickhouse-rejected");
        assertThat(rejected.value()).isEqualTo(TestKafka.json(unparsable));
        assertThat(DlqHeaders.text(rejected.headers(), DlqHeaders.STAGE)).isEqualTo("clickhouse-loader");
        assertThat(DlqHeaders.text(rejected.headers(), DlqHeaders.EXCEPTION_CLASS)).isNotBlank();
        assertThat(DlqHeaders.text(rejected.headers(), DlqHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        // 18.16 sends no error text client-v2 can read, only the status: the detail is the client's message.
        assertThat(DlqHeaders.text(rejected.headers(), DlqHeaders.DETAIL)).isNotBlank();
        assertThat(byReason.get("invalid-json").value()).isEqualTo(garbage);

        given().get("/q/metrics").then()
                .body(containsString("pipeline_dlq_records_total{reason=\"clickhouse-rejected\",stage=\"clickhouse-loader\"}"))
                .body(containsString("pipeline_dlq_records_total{reason=\"invalid-json\",stage=\"clickhouse-loader\"}"));
    }

    @Test
    void aServerRefusingEveryInsertWithoutAnErrorCodeDeadLettersNothingAndLosesNothing() throws Exception {
        List<EnrichedEvent> events = TestEvents.forNewContent(200);
        UUID content = events.get(0).contentId();
        ClickHouseHttp clickHouse = clickHouse();
        await().atMost(DEADLINE).until(() -> clickHouse.count("EXISTS TABLE engagement_events") == 1);
        // A stand-in that refuses every row with HTTP 500 — on 18.16 without an error code the client can read, as a
        // server out of memory or with too many parts does. Nothing here is the rows' fault.
        clickHouse.query("CREATE TABLE refusing AS engagement_events");
        clickHouse.query("ALTER TABLE refusing ADD COLUMN refuse UInt8 MATERIALIZED throwIf(event_id > 0)");
        clickHouse.query("RENAME TABLE engagement_events TO engagement_events_held, refusing TO engagement_events");
        try {
            TestKafka.produceEvents(topic, events);
            await("the loader keeps retrying, dead-letters nothing").during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(12)).until(() -> dlqFor(content).isEmpty());
        } finally {
            clickHouse.query("RENAME TABLE engagement_events TO refusing, engagement_events_held TO engagement_events");
            clickHouse.query("DROP TABLE refusing");
        }

        String count = "SELECT count() FROM engagement_events FINAL WHERE content_id = '" + content + "'";
        await().atMost(DEADLINE).until(() -> clickHouse.count(count) == events.size());
        assertThat(dlqFor(content)).isEmpty();
    }

    @Test
    void schemaMigrationsAreRecordedOnce() {
        assertThat(clickHouse().query("SELECT version, count() FROM schema_migrations GROUP BY version ORDER BY version FORMAT TSV"))
                .isEqualTo("1\t1\n2\t1\n");
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The highest version written of each event id: what a merge keeps, so merges cannot change it. */
    private Map<Long, Long> latestVersions(List<Long> eventIds) {
        String rows = clickHouse().query("SELECT event_id, max(version) FROM engagement_events WHERE event_id IN ("
                + inList(eventIds) + ") GROUP BY event_id FORMAT TSV");
        return rows.lines().map(line -> line.split("\t"))
                .collect(Collectors.toMap(f -> Long.parseLong(f[0]), f -> Long.parseLong(f[1])));
    }

    private static String inList(List<Long> eventIds) {
        return eventIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private List<ConsumerRecord<String, byte[]>> dlqFor(UUID content) {
        return TestKafka.readAll(dlqTopic).stream().filter(r -> content.toString().equals(r.key()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }

    private static void assertSameDecimal(JsonNode actual, BigDecimal expected) {
        if (expected == null) {
            assertThat(actual.isNull()).isTrue();
        } else {
            assertThat(new BigDecimal(actual.asText())).isEqualByComparingTo(expected);
        }
    }
}
