package io.engagement.query.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A connector Kafka Connect does not run (here: does not know) reads 0, which is what the alert fires on. */
@QuarkusTest
@TestProfile(UnknownConnectorSourceMetricsTest.Profile.class)
class UnknownConnectorSourceMetricsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline.connect.connector", "no-such-connector", "pipeline.source-metrics.interval", "1s");
        }
    }

    @Test
    void aConnectorThatConnectDoesNotRunReadsZero() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipeline_source_connector_running{connector=\"no-such-connector\"} 0.0")));
    }
}
