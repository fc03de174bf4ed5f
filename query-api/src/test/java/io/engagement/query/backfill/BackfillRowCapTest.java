package io.engagement.query.backfill;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A backfill whose range holds more events than pipeline.backfill.max-rows is refused before anything is signalled. */
@QuarkusTest
@TestProfile(BackfillRowCapTest.OneRowAtMost.class)
class BackfillRowCapTest {

    public static class OneRowAtMost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.backfill.max-rows", "1");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aRangeHoldingMoreEventsThanTheCapIs400AndSignalsNothing() {
        UUID content = UUID.randomUUID();
        // Two events alone in a range of their own (a day in 2003, which no other test writes to).
        sql("INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)"
                + " VALUES ($1, $2, 'row cap', 'video', 60, now())", content, "row-cap-" + content);
        for (int i = 0; i < 2; i++) {
            sql("INSERT INTO engagement_events (content_id, user_id, event_type, event_ts, duration_ms, device,"
                    + " raw_payload) VALUES ($1, $2, 'play', '2003-03-03T03:03:03Z', 1000, 'ios', '{}'::jsonb)",
                    content, UUID.randomUUID());
        }
        long signals = count("SELECT count(*) FROM debezium_signal");
        try {
            given().header("Authorization", "Bearer test-admin-token").contentType("application/json")
                    .body("{\"from\": \"2003-03-03T00:00:00Z\", \"to\": \"2003-03-04T00:00:00Z\"}")
                    .post("/admin/backfill").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("holds 2 events"))
                    .body("detail", containsString("pipeline.backfill.max-rows = 1"));
            assertEquals(signals, count("SELECT count(*) FROM debezium_signal"),
                    "no snapshot was signalled");
        } finally {
            sql("DELETE FROM engagement_events WHERE content_id = $1", content);
            sql("DELETE FROM content WHERE id = $1", content);
        }
    }

    private void sql(String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10));
    }

    private long count(String query) {
        return pool.query(query).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
