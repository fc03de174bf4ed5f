package io.engagement.query.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.engagement.query.support.NothingListening;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With no ClickHouse at CLICKHOUSE_URL the service stays ready: on Kubernetes a not-ready pod leaves the Service, and
 * the Redis-backed endpoints must not go offline with analytics. Analytics answer 503 problems; their own health
 * group says DOWN.
 */
@QuarkusTest
@TestProfile(ClickHouseDownTest.NoClickHouse.class)
class ClickHouseDownTest {

    public static class NoClickHouse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickhouse.url", NothingListening.url());
        }
    }

    @Test
    void theServiceStaysReadyAndTheLiveEndpointsServe() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"));
        given().get("/top-content").then().statusCode(200);
        given().get("/content/" + UUID.randomUUID() + "/stats").then().statusCode(404);
    }

    @Test
    void analyticsAnswer503ProblemsAndTheirHealthGroupIsDown() {
        given().get("/analytics/top").then().statusCode(503).contentType("application/problem+json")
                .body("title", equalTo("Analytics unavailable")).body("detail", containsString("ClickHouse"));
        given().get("/q/health/group/analytics").then().statusCode(503).body("checks[0].name", equalTo("clickhouse"))
                .body("checks[0].status", equalTo("DOWN"));
    }
}
