package io.engagement.query.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.engagement.contracts.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

@QuarkusTest
@QuarkusTestResource(RedisPrefixResource.class)
class TopContentResourceTest {
    @Inject
    RedisDataSource redis;
    @Inject
    RedisKeys keys;
    @Inject
    RankingCache rankings;

    private static final JsonPathConfig BIG_DECIMALS = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private LiveBucketSeeder seeder() {
        return new LiveBucketSeeder(redis, keys);
    }

    @Test
    void rankingAcrossBucketsEqualsAnIndependentSum() {
        LiveBucketSeeder seeder = seeder();
        long current = LiveBucketSeeder.currentBucket();
        Map<UUID, BigDecimal> seconds = new HashMap<>();
        Map<UUID, Long> events = new HashMap<>();
        java.util.Random random = new java.util.Random(42);
        for (int c = 0; c < 12; c++) {
            UUID id = UUID.randomUUID();
            seeder.content(id, c % 2 == 0 ? "podcast" : "video");
            for (int b = 1; b <= 4; b++) {
                long bucket = current - (b * 7L) * LiveBucketSeeder.BUCKET_MS; // spread over the 10-minute window
                BigDecimal secs = BigDecimal.valueOf(random.nextInt(5_000_000), 3);
                long count = 1 + random.nextInt(500);
                seeder.bucket(id, bucket, secs.toPlainString(), count);
                seconds.merge(id, secs, BigDecimal::add);
                events.merge(id, count, Long::sum);
            }
        }
        List<UUID> bySeconds = new ArrayList<>(seconds.keySet());
        bySeconds.sort(Comparator.comparing(seconds::get).reversed());
        List<UUID> byEvents = new ArrayList<>(events.keySet());
        byEvents.sort(Comparator.comparing(events::get).reversed());

        // The ranking may be served from the API's short-lived cache, so it is polled until it reflects the seed.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonPath top = given().queryParam("limit", 5).queryParam("window", "10m").queryParam("by", "seconds")
                    .get("/top-content").then().statusCode(200).extract().jsonPath().using(BIG_DECIMALS);
            assertThat(top.getList("rows.content_id")).containsExactlyElementsOf(
                    bySeconds.subList(0, 5).stream().map(UUID::toString).toList());
            for (int i = 0; i < 5; i++) {
                UUID id = bySeconds.get(i);
                assertThat(top.getInt("rows[" + i + "].rank")).isEqualTo(i + 1);
                assertThat(new BigDecimal(top.getString("rows[" + i + "].engagement_seconds"))).isEqualByComparingTo(seconds.get(id));
                assertThat(top.getLong("rows[" + i + "].events")).isEqualTo(events.get(id));
                assertThat(top.getString("rows[" + i + "].slug")).isEqualTo("slug-" + id);
                assertThat(top.getString("rows[" + i + "].title")).isEqualTo("Title " + id);
            }
            assertThat(Duration.between(Instant.parse(top.getString("window_start")),
                    Instant.parse(top.getString("window_end")))).isEqualTo(Duration.ofMinutes(10));

            JsonPath byEventCount = given().queryParam("limit", 12).queryParam("by", "events")
                    .get("/top-content").then().statusCode(200).extract().jsonPath().using(BIG_DECIMALS);
            assertThat(byEventCount.getList("rows.content_id")).containsExactlyElementsOf(
                    byEvents.stream().map(UUID::toString).toList());
            assertThat(byEventCount.getString("rows[0].content_type")).isIn("podcast", "video");
        });
    }

    @Test
    void everyLimitOfOneWindowIsServedFromOneCachedRanking() {
        given().queryParam("window", "1m").get("/top-content").then().statusCode(200);
        given().queryParam("window", "1m").queryParam("limit", 3).get("/top-content").then().statusCode(200);
        assertThat(rankings.cachedKeys()).filteredOn(key -> key.label().equals("1m"))
                .containsExactly(new RankingCache.Key(6, "1m", RankBy.SECONDS));
    }

    @Test
    void bucketThatAgedOutOfTheWindowIsExcluded() {
        // Retried with fresh ids if a bucket boundary passes between seeding and querying.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            LiveBucketSeeder seeder = seeder();
            long current = LiveBucketSeeder.currentBucket();
            long inside = current - 2 * LiveBucketSeeder.BUCKET_MS;
            long outside = current - 3 * LiveBucketSeeder.BUCKET_MS;
            UUID stays = UUID.randomUUID();
            UUID agedOut = UUID.randomUUID();
            seeder.content(stays, "podcast");
            seeder.content(agedOut, "video");
            seeder.bucket(stays, inside, "10.000", 1);
            seeder.bucket(stays, outside, "900000.000", 90);
            seeder.bucket(agedOut, outside, "800000.000", 80);

            JsonPath top = given().queryParam("window", "30s").queryParam("limit", 100)
                    .get("/top-content").then().statusCode(200).extract().jsonPath().using(BIG_DECIMALS);
            assertThat(Instant.parse(top.getString("window_start")).toEpochMilli()).isEqualTo(inside);
            List<String> ids = top.getList("rows.content_id");
            assertThat(ids).contains(stays.toString()).doesNotContain(agedOut.toString());
            int row = ids.indexOf(stays.toString());
            assertThat(top.getString("rows[" + row + "].engagement_seconds")).isEqualTo("10.000");
            assertThat(top.getLong("rows[" + row + "].events")).isEqualTo(1);
        });
    }

    @Test
    void contentStatsListsBucketsAndTotals() {
        LiveBucketSeeder seeder = seeder();
        long current = LiveBucketSeeder.currentBucket();
        UUID id = UUID.randomUUID();
        seeder.content(id, "newsletter");
        seeder.bucket(id, current - 10 * LiveBucketSeeder.BUCKET_MS, "1.500", 2);
        seeder.bucket(id, current - 20 * LiveBucketSeeder.BUCKET_MS, "2.250", 3);

        JsonPath stats = given().get("/content/" + id + "/stats").then().statusCode(200).extract().jsonPath().using(BIG_DECIMALS);
        assertThat(stats.getString("content_id")).isEqualTo(id.toString());
        assertThat(stats.getString("content_type")).isEqualTo("newsletter");
        assertThat(stats.getInt("length_seconds")).isEqualTo(600);
        assertThat(stats.getString("engagement_seconds")).isEqualTo("3.750");
        assertThat(stats.getLong("events")).isEqualTo(5);
        assertThat(stats.getList("buckets")).hasSize(2);
        assertThat(stats.getString("buckets[0].bucket_start"))
                .isEqualTo(Instant.ofEpochMilli(current - 20 * LiveBucketSeeder.BUCKET_MS).toString());
        assertThat(stats.getLong("buckets[1].plays")).isEqualTo(2);
    }

    @Test
    void unknownContentIsA404Problem() {
        given().get("/content/" + UUID.randomUUID() + "/stats").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "/top-content?limit=0|limit",
            "/top-content?limit=101|limit",
            "/top-content?limit=-3|limit",
            "/top-content?limit=ten|limit",
            "/top-content?window=5s|window",
            "/top-content?window=15s|window",
            "/top-content?window=11m|window",
            "/top-content?window=0m|window",
            "/top-content?window=1h|window",
            "/top-content?window=ten|window",
            "/top-content?by=views|by",
            "/content/not-a-uuid/stats|id",
            "/content/1-2-3-4-5/stats|id",
            "/content/6f1c1f2e-8f0a-4c55-9d9b-3f7a1e0c2b11/stats?window=7m30s|window" })
    void everyBadParameterIsA400Problem(String path, String parameter) {
        given().urlEncodingEnabled(false).get(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", containsString("'" + parameter + "'"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/top-content"))
                .body("paths", org.hamcrest.Matchers.hasKey("/content/{id}/stats"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void readinessChecksRedisAndLatencyIsAHistogram() {
        given().get("/top-content").then().statusCode(200);
        // Overall readiness also depends on ClickHouse; this asserts on the Redis check alone.
        given().get("/q/health/ready").then().body("checks.find { it.name == 'redis' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/top-content\""));
    }
}
