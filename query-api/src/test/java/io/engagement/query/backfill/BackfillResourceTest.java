package io.engagement.query.backfill;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The admin API against the real source database and Kafka Connect of the local stack. */
@QuarkusTest
class BackfillResourceTest {
    /** A range no event lies in: the backfill re-reads nothing and finishes as soon as Debezium reads its signal. */
    private static final String EMPTY_RANGE = "{\"from\": \"2001-01-01T00:00:00Z\", \"to\": \"2001-01-02T00:00:00Z\"}";

    @Inject
    Pool pool;

    @Test
    void aRequestRepeatedWithTheSameIdempotencyKeyReturnsTheBackfillTheFirstStarted() {
        String key = "test-" + UUID.randomUUID();
        String id = admin().header("Idempotency-Key", key).body(EMPTY_RANGE).post("/admin/backfill").then()
                .statusCode(202).extract().path("id");

        admin().header("Idempotency-Key", key).body(EMPTY_RANGE).post("/admin/backfill").then().statusCode(200)
                .body("id", equalTo(id));
        // Leaves nothing unfinished behind for the next test that starts one.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "done".equals(
                admin().get("/admin/backfill/" + id).then().statusCode(200).extract().path("status")));
    }

    @Test
    void aSecondBackfillWhileOneIsUnfinishedIsRefusedWith409NamingIt() {
        UUID unfinished = UUID.randomUUID();
        // A request whose signal Debezium has not reached (a position beyond any WAL): pending until deleted.
        pool.preparedQuery("""
                INSERT INTO backfill_requests (id, requested_at, tables, expected_rows, max_event_id, signal_lsn)
                VALUES ($1, now() + interval '1 hour', '{engagement_events}', 0, 0, '7FFFFFFF/FFFFFFFF')""")
                .execute(Tuple.of(unfinished)).await().atMost(Duration.ofSeconds(10));
        try {
            admin().body(EMPTY_RANGE).post("/admin/backfill").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString(unfinished.toString()));
        } finally {
            pool.preparedQuery("DELETE FROM backfill_requests WHERE id = $1").execute(Tuple.of(unfinished)).await()
                    .atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void anIdempotencyKeyOver200CharactersIs400() {
        admin().header("Idempotency-Key", "k".repeat(201)).body(EMPTY_RANGE).post("/admin/backfill").then()
                .statusCode(400).body("title", containsString("Idempotency-Key"));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-token").contentType("application/json");
    }
}
