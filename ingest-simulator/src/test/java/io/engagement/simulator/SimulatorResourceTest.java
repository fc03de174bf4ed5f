package io.engagement.simulator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SimulatorResourceTest {

    @Test
    void burstOfNEventsWritesExactlyNRows() throws Exception {
        double writtenBefore = writtenCounter();
        JsonPath result = given().post("/simulator/burst?events=2500").then().statusCode(200).extract().jsonPath();

        assertEquals(2500, result.getLong("events"));
        long first = result.getLong("first_id");
        long last = result.getLong("last_id");
        try (Connection conn = LocalStack.connect();
                PreparedStatement count = conn.prepareStatement("""
                        SELECT count(*), count(DISTINCT content_id), count(*) FILTER (WHERE event_type = 'click'),
                               count(*) FILTER (WHERE event_type = 'click' AND duration_ms IS NOT NULL)
                        FROM engagement_events WHERE id BETWEEN ? AND ?""")) {
            count.setLong(1, first);
            count.setLong(2, last);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertEquals(2500, rows.getLong(1), "exactly N rows exist for the burst");
                assertTrue(rows.getLong(2) > 10, "traffic spreads over the catalogue");
                assertTrue(rows.getLong(3) > 0, "clicks are part of the mix");
                assertEquals(0, rows.getLong(4), "clicks carry no duration");
            }
        }
        assertEquals(writtenBefore + 2500, writtenCounter(), 0.0, "simulator_events_written_total counts them");
    }

    @Test
    void catalogueIsSeededWithEveryContentType() throws Exception {
        try (Connection conn = LocalStack.connect();
                ResultSet rows = conn.createStatement().executeQuery("""
                        SELECT content_type, count(*), count(length_seconds) FROM content
                        WHERE slug NOT LIKE 'bad-rows-%' AND slug NOT LIKE 'cdc-test-%' GROUP BY content_type""")) {
            Map<String, long[]> byType = new HashMap<>();
            while (rows.next()) {
                byType.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3) });
            }
            assertTrue(byType.keySet().containsAll(Set.of("podcast", "newsletter", "video")), byType.keySet().toString());
            assertEquals(0, byType.get("newsletter")[1], "newsletters have no length");
            assertEquals(byType.get("podcast")[0], byType.get("podcast")[1], "podcasts have a length");
        }
    }

    @Test
    void rateCanBeReadAndSet() {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 0}").put("/simulator/rate")
                .then().statusCode(200).body("events_per_second", equalTo(0));
        given().get("/simulator/rate").then().statusCode(200).body("events_per_second", equalTo(0));
    }

    @Test
    void onceStoppedAndNothingInFlightNoFurtherRowIsWritten() throws Exception {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 2000}").put("/simulator/rate")
                .then().statusCode(200);
        long started = maxEventId();
        await().atMost(Duration.ofSeconds(30)).until(() -> maxEventId() > started);
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 0}").put("/simulator/rate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/simulator/rate").jsonPath()
                .getInt("writes_in_flight") == 0);
        long stopped = maxEventId();
        // Whatever the rate still owed when it was set to 0 is not written on a later tick.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> maxEventId() == stopped);
    }

    private static long maxEventId() throws Exception {
        try (Connection pg = LocalStack.connect();
                ResultSet rs = pg.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM engagement_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void badRowsAreAcceptedByPostgresAndLabelled() {
        List<Map<String, Object>> rows = given().post("/simulator/bad-rows").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Set<String>> expectationsByKind = rows.stream().collect(Collectors.groupingBy(
                r -> (String) r.get("kind"), Collectors.mapping(r -> (String) r.get("expectation"), Collectors.toSet())));
        assertEquals(Set.of("dlq"), expectationsByKind.get("negative-duration"));
        assertEquals(Set.of("dlq"), expectationsByKind.get("null-content-id"));
        assertEquals(Set.of("valid"), expectationsByKind.get("racing-content"));
        assertEquals(Set.of("valid"), expectationsByKind.get("large-payload"));
        assertTrue(rows.stream().allMatch(r -> ((Number) r.get("event_id")).longValue() > 0));
    }

    @Test
    void negativeRateIsRefusedWithAMessage() {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": -1}").put("/simulator/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("events_per_second"));
    }

    @Test
    void rateAboveTheMaximumIsRefused() {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": 100001}").put("/simulator/rate")
                .then().statusCode(400).body("detail", containsString("100000"));
    }

    @Test
    void nonNumericRateIsRefused() {
        given().contentType(ContentType.JSON).body("{\"events_per_second\": \"fast\"}").put("/simulator/rate")
                .then().statusCode(400).body("detail", containsString("events_per_second"));
    }

    @Test
    void missingOrMalformedBodyIsRefused() {
        given().contentType(ContentType.JSON).put("/simulator/rate").then().statusCode(400)
                .body("detail", containsString("required"));
        given().contentType(ContentType.JSON).body("{not json").put("/simulator/rate").then().statusCode(400);
    }

    @Test
    void burstWithoutAPositiveNumberIsRefused() {
        given().post("/simulator/burst").then().statusCode(400).body("detail", containsString("events"));
        given().post("/simulator/burst?events=0").then().statusCode(400).body("detail", containsString(">= 1"));
        given().post("/simulator/burst?events=lots").then().statusCode(400).body("detail", containsString("lots"));
        given().post("/simulator/burst?events=2000001").then().statusCode(400);
    }

    private static double writtenCounter() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("simulator_events_written_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
