package io.engagement.receiver.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * "Exactly once in effect" rests on the receiver's per-event dedupe, so it must not be bounded by a count: here only
 * 10 events are kept whole for inspection, and an event resent in another batch long after is still a duplicate.
 */
@QuarkusTest
@TestProfile(DurableDedupeTest.TenEventsKept.class)
class DurableDedupeTest {

    public static class TenEventsKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("receiver.max-recorded-events", "10");
        }
    }

    @Test
    void anEventResentLongAfterItsEntryWasForgottenIsStillADuplicate() {
        long first = WebhookResourceTest.freshId();
        post(WebhookResourceTest.batch(first), "first-" + first).body("accepted", equalTo(1));
        for (int i = 0; i < 30; i++) {
            long other = WebhookResourceTest.freshId();
            post(WebhookResourceTest.batch(other), "other-" + other).body("accepted", equalTo(1));
        }
        // Its entry is no longer kept for GET /received/events ...
        given().queryParam("ids", first).get("/received/events").then().statusCode(200).body("$", hasSize(0));

        // ... but what was applied is: the durable store still names its version, and the same event in a batch with
        // a new key is not applied again.
        given().queryParam("ids", first + ",0").get("/received/versions").then().statusCode(200)
                // (a batch without versions is version 0)
                .body("size()", equalTo(1)).body(String.valueOf(first), equalTo(0));
        post(WebhookResourceTest.batch(first), "resent-" + first).body("accepted", equalTo(0))
                .body("duplicates", equalTo(1));
    }

    private static ValidatableResponse post(String body, String key) {
        return given().contentType("application/json").header("Idempotency-Key", key)
                .header("X-Signature", WebhookResourceTest.sign(body)).body(body).post("/webhook").then().statusCode(200);
    }
}
