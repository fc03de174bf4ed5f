package io.engagement.query.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The source side as the local stack's real Kafka Connect and PostgreSQL report it. */
@QuarkusTest
class SourceMetricsTest {

    @Test
    void theRunningConnectorItsSlotLagAndTheSourceRowsAreExported() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("pipeline_source_connector_running{connector=\"engagement-postgres\"} 1.0"))
                .body(matchesRegex("(?s).*pipeline_source_slot_lag_bytes\\{slot=\"engagement_slot\"} [0-9.E]+\n.*"))
                .body(containsString("pipeline_source_rows_changed_total ")));
    }
}
