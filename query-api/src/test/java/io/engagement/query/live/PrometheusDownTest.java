package io.engagement.query.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.engagement.query.support.NothingListening;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With no Prometheus at PROMETHEUS_URL the charts are 503 problems saying so, and the status still answers. */
@QuarkusTest
@TestProfile(PrometheusDownTest.NoPrometheus.class)
class PrometheusDownTest {

    public static class NoPrometheus implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.prometheus.url", NothingListening.url());
        }
    }

    @Test
    void chartsAreServiceUnavailableProblems() {
        given().get("/live/charts/latency").then().statusCode(503).contentType("application/problem+json")
                .body("title", equalTo("Prometheus unavailable")).body("detail", containsString("unreachable"));
    }

    @Test
    void statusSaysPrometheusIsDownAndTheServicesUnknown() {
        JsonPath status = given().get("/live/status").then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("parts.find { it.name == 'prometheus' }.state")).isEqualTo("down");
        assertThat(status.getString("parts.find { it.name == 'redis-projector' }.state")).isEqualTo("unknown");
        assertThat(status.getString("parts.find { it.name == 'redis' }.state")).isEqualTo("up");
    }
}
