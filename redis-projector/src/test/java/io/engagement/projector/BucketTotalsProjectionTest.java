package io.engagement.projector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.BucketStatsValue;
import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.ContentMetadata;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.RedisKeys;
import io.engagement.contracts.Topics;
import io.engagement.contracts.LiveWindowConfig;
import io.engagement.projector.service.BucketTotalsWriter;
import io.engagement.projector.service.PositionedTotals;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ProjectorTestResource.class, restrictToAnnotatedClass = true)
class BucketTotalsProjectionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static TestTotals kafka;

    @Inject
    RedisDataSource redis;
    @Inject
    RedisKeys keys;
    @Inject
    LiveWindowConfig window;
    @Inject
    MeterRegistry registry;
    @Inject
    BucketTotalsWriter writer;

    @BeforeAll
    static void producer() {
        kafka = new TestTotals();
    }

    @AfterAll
    static void closeProducer() {
        kafka.close();
    }

    @Test
    void sameAggregateTwiceLeavesSameValue() {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket();
        ContentBucketTotals totals = TestTotals.totals(content, bucket, "12.500", 3);
        kafka.send(totals);
        RecordMetadata second = kafka.send(totals);

        await().atMost(DEADLINE).until(() -> kafka.committedPast(second));
        assertThat(seconds(bucket, content)).hasValue(12.5);
        assertThat(events(bucket, content)).hasValue(3.0);
        assertThat(stats(bucket, content).engagementSeconds()).isEqualByComparingTo("12.5");
        assertThat(stats(bucket, content).events()).isEqualTo(3);
    }

    @Test
    void newerUpdateForABucketOverwritesTheOlderOne() {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket();
        kafka.send(TestTotals.totals(content, bucket, "10.000", 2));
        RecordMetadata newer = kafka.send(TestTotals.totals(content, bucket, "30.250", 5));

        await().atMost(DEADLINE).until(() -> kafka.committedPast(newer));
        assertThat(seconds(bucket, content)).hasValue(30.25);
        assertThat(events(bucket, content)).hasValue(5.0);
        assertThat(stats(bucket, content).plays()).isEqualTo(5);
    }

    @Test
    void aBucketTotalBackToZeroEventsRemovesTheContentFromTheBucket() {
        UUID moved = UUID.randomUUID();
        UUID stays = UUID.randomUUID();
        long bucket = TestTotals.currentBucket();
        kafka.send(TestTotals.totals(moved, bucket, "4.000", 1));
        RecordMetadata kept = kafka.send(TestTotals.totals(stays, bucket, "2.000", 1));
        RecordMetadata emptied = kafka.send(TestTotals.totals(moved, bucket, "0.000", 0)); // corrected away

        await().atMost(DEADLINE).until(() -> kafka.committedPast(emptied) && kafka.committedPast(kept));
        assertThat(seconds(bucket, moved)).isEmpty();
        assertThat(events(bucket, moved)).isEmpty();
        assertThat(redis.hash(String.class).hget(keys.stats(bucket), moved.toString())).isNull();
        assertThat(seconds(bucket, stays)).hasValue(2.0);
    }

    @Test
    void everyKeyExpiresWithinWindowPlusGrace() throws Exception {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket() - 5 * TestTotals.BUCKET_MS;
        RecordMetadata written = kafka.send(TestTotals.totals(content, bucket, "4.000", 1));

        await().atMost(DEADLINE).until(() -> kafka.committedPast(written));
        long retention = window.retentionMs();
        for (String key : List.of(keys.topSeconds(bucket), keys.topEvents(bucket), keys.stats(bucket),
                keys.content(content))) {
            assertThat(redis.key().pttl(key)).as("TTL of %s", key).isPositive().isLessThanOrEqualTo(retention);
        }
        // The bucket started 50 s ago, so its keys die 50 s sooner than the window + grace a fresh bucket gets.
        assertThat(redis.key().pttl(keys.topSeconds(bucket))).isLessThanOrEqualTo(retention - 50_000);
        assertThat(JsonSerdes.mapper().readValue(redis.value(String.class).get(keys.content(content)),
                ContentMetadata.class))
                .isEqualTo(new ContentMetadata("slug-" + content, "Title " + content, "podcast", 1800));
    }

    @Test
    void bucketOlderThanWindowPlusGraceIsSkippedAndCounted() {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket() - window.retentionMs() - TestTotals.BUCKET_MS;
        double skippedBefore = registry.counter("pipeline_projector_skipped_total").count();
        RecordMetadata old = kafka.send(TestTotals.totals(content, bucket, "99.000", 9));

        await().atMost(DEADLINE).until(() -> kafka.committedPast(old));
        assertThat(redis.key().exists(keys.topSeconds(bucket))).isFalse();
        assertThat(redis.key().exists(keys.stats(bucket))).isFalse();
        assertThat(redis.key().exists(keys.content(content))).isFalse();
        assertThat(registry.counter("pipeline_projector_skipped_total").count()).isGreaterThan(skippedBefore);
    }

    @Test
    void undecodableRecordGoesToDlqWithReasonAndTheStreamGoesOn() {
        String key = "garbage-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> dlq = dlqConsumerAtEnd()) {
            kafka.send(key, "{not json".getBytes(StandardCharsets.UTF_8));
            UUID content = UUID.randomUUID();
            long bucket = TestTotals.currentBucket();
            RecordMetadata after = kafka.send(TestTotals.totals(content, bucket, "1.000", 1));

            ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
            await().atMost(DEADLINE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found[0] = record;
                    }
                }
                return found[0] != null;
            });
            assertThat(DlqHeaders.text(found[0].headers(), DlqHeaders.REASON)).isEqualTo("undecodable");
            assertThat(DlqHeaders.text(found[0].headers(), DlqHeaders.STAGE)).isEqualTo("redis-projector");
            assertThat(DlqHeaders.text(found[0].headers(), DlqHeaders.SOURCE_TOPIC)).isEqualTo(ProjectorTestResource.TOPIC);
            assertThat(new String(found[0].value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            await().atMost(DEADLINE).until(() -> kafka.committedPast(after));
            assertThat(seconds(bucket, content)).hasValue(1.0);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pipeline_dlq_records_total{reason=\"undecodable\",stage=\"redis-projector\"}"));
    }

    @Test
    void metricsReportLatencyRecordsAndWrites() {
        UUID content = UUID.randomUUID();
        RecordMetadata written = kafka.send(TestTotals.totals(content, TestTotals.currentBucket(), "2.000", 1));
        await().atMost(DEADLINE).until(() -> kafka.committedPast(written));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pipeline_e2e_latency_seconds_bucket{sink=\"redis\",le=\"0.25\"}"))
                .body(containsString("pipeline_e2e_latency_seconds_count{sink=\"redis\"}"))
                .body(containsString("pipeline_records_in_total{stage=\"redis-projector\"}"))
                .body(containsString("pipeline_sink_write_seconds_count{sink=\"redis\"}"));
    }

    @Test
    void anOlderTotalNeverReplacesANewerOneWhateverTheOrderOfWrites() {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket();
        double fencedBefore = registry.get("pipeline_projector_fenced_total").counter().count();

        writer.write(List.of(new PositionedTotals(TestTotals.totals(content, bucket, "50.000", 5), 100))).await()
                .atMost(DEADLINE);
        // What a slow instance still holding the partition after a rebalance would write: an earlier offset.
        writer.write(List.of(new PositionedTotals(TestTotals.totals(content, bucket, "10.000", 1), 90))).await()
                .atMost(DEADLINE);

        assertThat(seconds(bucket, content)).hasValue(50.0);
        assertThat(events(bucket, content)).hasValue(5.0);
        assertThat(stats(bucket, content).events()).isEqualTo(5);
        assertThat(registry.get("pipeline_projector_fenced_total").counter().count()).isEqualTo(fencedBefore + 1);

        writer.write(List.of(new PositionedTotals(TestTotals.totals(content, bucket, "60.000", 6), 101))).await()
                .atMost(DEADLINE);
        assertThat(seconds(bucket, content)).hasValue(60.0);
        assertThat(redis.key().pttl(keys.versions(bucket))).isPositive().isLessThanOrEqualTo(window.retentionMs());
    }

    @Test
    void afterRedisLosesEverythingTheLiveWindowComesBackFromKafka() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        long current = TestTotals.currentBucket();
        long earlier = current - 12 * TestTotals.BUCKET_MS;
        kafka.send(TestTotals.totals(first, earlier, "30.000", 3));
        kafka.send(TestTotals.totals(first, earlier, "31.500", 4));
        kafka.send(TestTotals.totals(first, current, "8.250", 2));
        RecordMetadata last = kafka.send(TestTotals.totals(second, current, "99.000", 9));
        await().atMost(DEADLINE).until(() -> kafka.committedPast(last));
        double rebuildsBefore = registry.get("pipeline_projector_rebuilds_total").counter().count();

        // A Redis restart without persistence, a FLUSHALL or an eviction: everything, the epoch key included, gone.
        redis.flushall();
        assertThat(seconds(earlier, first)).isEmpty();
        // The next write notices; nothing about the lost records is sent again.
        kafka.send(TestTotals.totals(UUID.randomUUID(), current, "1.000", 1));

        await("the live window re-projected from Kafka").atMost(DEADLINE).untilAsserted(() -> {
            assertThat(seconds(earlier, first)).hasValue(31.5);
            assertThat(events(earlier, first)).hasValue(4.0);
            assertThat(seconds(current, first)).hasValue(8.25);
            assertThat(stats(current, second).events()).isEqualTo(9);
            assertThat(redis.key().exists(keys.content(second))).isTrue();
        });
        await().atMost(DEADLINE).until(() -> registry.get("pipeline_projector_rebuilds_total").counter().count() > rebuildsBefore);
        assertThat(redis.key().pttl(keys.topSeconds(earlier))).isPositive().isLessThanOrEqualTo(window.retentionMs());
    }

    @Test
    void redisDownRetriesNotReadyCommitsNothingAndCatchesUp() {
        UUID content = UUID.randomUUID();
        long bucket = TestTotals.currentBucket();
        ProjectorTestResource.REDIS.stop();
        RecordMetadata pending;
        try {
            pending = kafka.send(TestTotals.totals(content, bucket, "7.000", 2));
            await().atMost(DEADLINE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("redis-writer")));
            // The write of this record is being retried: its offset must not be committed meanwhile.
            assertThat(kafka.committedPast(pending)).isFalse();
        } finally {
            ProjectorTestResource.REDIS.start();
        }
        await().atMost(DEADLINE).until(() -> kafka.committedPast(pending));
        assertThat(seconds(bucket, content)).hasValue(7.0);
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private BucketStatsValue stats(long bucket, UUID content) {
        return BucketStatsValue.decode(redis.hash(String.class).hget(keys.stats(bucket), content.toString()));
    }

    private OptionalDouble seconds(long bucket, UUID content) {
        return redis.sortedSet(String.class).zscore(keys.topSeconds(bucket), content.toString());
    }

    private OptionalDouble events(long bucket, UUID content) {
        return redis.sortedSet(String.class).zscore(keys.topEvents(bucket), content.toString());
    }

    private static KafkaConsumer<String, byte[]> dlqConsumerAtEnd() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ProjectorTestResource.BOOTSTRAP);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DLQ).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
