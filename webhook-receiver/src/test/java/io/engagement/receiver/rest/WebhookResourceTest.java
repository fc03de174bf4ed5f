package io.engagement.receiver.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class WebhookResourceTest {
    private static final String SECRET = "dev-webhook-secret";

    @TestHTTPResource("/webhook")
    URI webhook;

    @AfterEach
    void clearFaults() {
        given().delete("/faults").then().statusCode(204);
    }

    @Test
    void correctlySignedBatchIsRecordedOnce() {
        long id = freshId();
        String body = batch(id);
        post(body, sign(body), "key-" + id).statusCode(200).body("accepted", equalTo(1));

        given().queryParam("ids", id).get("/received/events").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].deliveries", equalTo(1)).body("[0].event.type", equalTo("play"));
    }

    @Test
    void wrongSignatureIsRefusedWith401AndNothingRecorded() {
        long id = freshId();
        String body = batch(id);
        long badBefore = given().get("/received/summary").jsonPath().getLong("bad_signatures");

        post(body, sign(body.replace("play", "click")), "key-" + id).statusCode(401);
        post(body, null, "key-" + id).statusCode(401);

        given().queryParam("ids", id).get("/received/events").then().body("$", hasSize(0));
        given().get("/received/summary").then().body("bad_signatures", greaterThanOrEqualTo((int) badBefore + 2));
    }

    @Test
    void aCapturedRequestReplayedAfterTheToleranceIsRefused() {
        long id = freshId();
        String body = batch(id);
        long tenMinutesAgo = System.currentTimeMillis() / 1000 - 600;

        post(body, sign(body, tenMinutesAgo), "key-" + id).statusCode(401).body("error", containsString("timestamp"));
        post(body, sign(body, System.currentTimeMillis() / 1000 + 600), "key-" + id).statusCode(401);
        given().queryParam("ids", id).get("/received/events").then().body("$", hasSize(0));
    }

    @Test
    void aSignatureWithoutTimestampOrOverADifferentTimestampIsRefused() {
        long id = freshId();
        String body = batch(id);
        long now = System.currentTimeMillis() / 1000;

        post(body, "sha256=" + hmac(body), "key-" + id).statusCode(401);
        // The timestamp is signed: moving it forward on a captured request breaks the signature.
        post(body, sign(body, now - 100).replace("t=" + (now - 100), "t=" + now), "key-" + id).statusCode(401);
        post(body, sign(body, now), "key-" + id).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void refuseFaultAnswersThatStatusToEveryBatchForItsDuration() {
        long id = freshId();
        String body = batch(id);
        given().contentType("application/json").body("{\"refuse_status\": 404, \"refuse_seconds\": 30}")
                .post("/faults").then().statusCode(200);
        post(body, sign(body), "key-" + id).statusCode(404);
        given().delete("/faults").then().statusCode(204);
        post(body, sign(body), "key-" + id).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void batchContainingTheFailingEventGets500UntilCleared() {
        long good = freshId();
        long bad = freshId();
        given().contentType("application/json").body("{\"fail_event_id\": " + bad + "}").post("/faults").then()
                .statusCode(200);
        String mixed = batch(good, bad);
        post(mixed, sign(mixed), "key-" + bad).statusCode(500);
        post(mixed, sign(mixed), "key-" + bad).statusCode(500);
        String clean = batch(good);
        post(clean, sign(clean), "key-" + good).statusCode(200);
    }

    @Test
    void repeatedIdempotencyKeyIsAcknowledgedWithoutApplyingAgain() {
        long id = freshId();
        String body = batch(id);
        post(body, sign(body), "key-" + id).statusCode(200);
        post(body, sign(body), "key-" + id).statusCode(200).body("duplicate_batch", equalTo(true));

        given().queryParam("ids", id).get("/received/events").then().body("[0].deliveries", equalTo(1));
    }

    @Test
    void receivedKeysListEveryBatchKeyAnEventArrivedUnderDuplicatesIncludedAndFailedRequestsNot() {
        long first = freshId();
        long second = freshId();
        String both = batch(first, second);
        post(both, sign(both), "key-a-" + first).statusCode(200);
        post(both, sign(both), "key-a-" + first).statusCode(200).body("duplicate_batch", equalTo(true));
        String alone = batch(second);
        post(alone, sign(alone), "key-b-" + second).statusCode(200);
        post(alone, null, "key-c-" + second).statusCode(401);

        given().queryParam("ids", first + "," + second + "," + freshId()).get("/received/keys").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("'" + first + "'", contains("key-a-" + first, "key-a-" + first))
                .body("'" + second + "'", contains("key-a-" + first, "key-a-" + first, "key-b-" + second));
        given().get("/received/keys").then().statusCode(400);
    }

    @Test
    void sameEventUnderNewKeyCountsAsDuplicateDelivery() {
        long id = freshId();
        String body = batch(id);
        post(body, sign(body), "key-a-" + id).statusCode(200).body("accepted", equalTo(1));
        post(body, sign(body), "key-b-" + id).statusCode(200).body("duplicates", equalTo(1));

        given().queryParam("ids", id).get("/received/events").then().body("[0].deliveries", equalTo(2));
    }

    @Test
    void aHigherVersionReplacesTheEventAndAStaleOneChangesNothing() {
        long id = freshId();
        String insert = versioned(id, "insert", 100, "play");
        String update = versioned(id, "update", 200, "finish");
        String stale = versioned(id, "update", 150, "pause");
        post(insert, sign(insert), "key-i-" + id).statusCode(200).body("accepted", equalTo(1));
        post(update, sign(update), "key-u-" + id).statusCode(200).body("accepted", equalTo(1));
        post(stale, sign(stale), "key-s-" + id).statusCode(200).body("accepted", equalTo(0)).body("stale", equalTo(1));

        given().queryParam("ids", id).get("/received/events").then().body("$", hasSize(1))
                .body("[0].event.type", equalTo("finish")).body("[0].event.version", equalTo(200))
                .body("[0].deliveries", equalTo(3));
    }

    @Test
    void aDeletionNoticeLeavesOnlyTheDeletionAndAReplayDoesNotBringTheEventBack() {
        long id = freshId();
        String insert = versioned(id, "insert", 100, "play");
        String delete = versioned(id, "delete", 300, "play");
        String replay = versioned(id, "replay", 400, "play");
        post(insert, sign(insert), "key-i-" + id).statusCode(200);
        post(delete, sign(delete), "key-d-" + id).statusCode(200).body("accepted", equalTo(1));
        post(replay, sign(replay), "key-r-" + id).statusCode(200).body("duplicates", equalTo(1));

        given().queryParam("ids", id).get("/received/events").then().body("$", hasSize(1))
                .body("[0].event.change", equalTo("delete"));
    }

    @Test
    void aReplayOfAnEventAlreadyHeldIsADuplicateNotAChange() {
        long id = freshId();
        String insert = versioned(id, "insert", 100, "play");
        String replay = versioned(id, "replay", 500, "play");
        post(insert, sign(insert), "key-i-" + id).statusCode(200);
        post(replay, sign(replay), "key-r-" + id).statusCode(200).body("duplicates", equalTo(1));

        given().queryParam("ids", id).get("/received/events").then().body("[0].event.change", equalTo("insert"))
                .body("[0].deliveries", equalTo(2));
    }

    @Test
    void armed500sFailEveryBatchUntilCleared() {
        long id = freshId();
        String body = batch(id);
        given().contentType("application/json").body("{\"fail_500_seconds\": 30}").post("/faults").then().statusCode(200);
        post(body, sign(body), "key-" + id).statusCode(500);
        given().delete("/faults").then().statusCode(204);
        post(body, sign(body), "key-" + id).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void throttleAnswers429WithRetryAfterForTheNextRequestsOnly() {
        long id = freshId();
        String body = batch(id);
        given().contentType("application/json").body("{\"throttle_requests\": 1, \"retry_after_seconds\": 7}")
                .post("/faults").then().statusCode(200);
        post(body, sign(body), "key-" + id).statusCode(429).header("Retry-After", "7");
        post(body, sign(body), "key-" + id).statusCode(200);
    }

    @Test
    void batchContainingTheRejectedEventGets400NamingIt() {
        long good = freshId();
        long bad = freshId();
        given().contentType("application/json").body("{\"reject_event_id\": " + bad + "}").post("/faults").then().statusCode(200);
        String mixed = batch(good, bad);
        post(mixed, sign(mixed), "key-" + bad).statusCode(400).body("error", containsString(Long.toString(bad)));
        String clean = batch(good);
        post(clean, sign(clean), "key-" + good).statusCode(200);
    }

    @Test
    void resetFaultDropsTheConnectionWithoutAnAnswer() {
        long id = freshId();
        String body = batch(id);
        given().contentType("application/json").body("{\"reset_requests\": 1}").post("/faults").then().statusCode(200);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                .header("X-Signature", sign(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build();

        assertThrows(java.io.IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        post(body, sign(body), "key-" + id).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void slowFaultDelaysTheAnswer() {
        long id = freshId();
        String body = batch(id);
        given().contentType("application/json").body("{\"slow_ms\": 400, \"slow_requests\": 1}").post("/faults").then().statusCode(200);
        long start = System.nanoTime();
        post(body, sign(body), "key-" + id).statusCode(200);
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start >= 400_000_000L, "answer was not delayed");
    }

    @Test
    void invalidFaultsAndQueriesAre400Problems() {
        given().contentType("application/json").body("{\"slow_ms\": -1}").post("/faults").then().statusCode(400)
                .body("detail", containsString("slow_ms"));
        given().contentType("application/json").body("{\"fail_for\": 3}").post("/faults").then().statusCode(400);
        given().contentType("application/json").body("{\"refuse_status\": 200, \"refuse_seconds\": 3}").post("/faults")
                .then().statusCode(400).body("detail", containsString("refuse_status"));
        given().queryParam("ids", "abc").get("/received/events").then().statusCode(400);
    }

    @Test
    void malformedBatchIs400() {
        String body = "{\"events\": [{\"no_id\": 1}]}";
        post(body, sign(body), "key-malformed").statusCode(400);
    }

    private ValidatableResponse post(String body, String signature, String key) {
        var request = given().contentType("application/json").header("Idempotency-Key", key).body(body);
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return request.post("/webhook").then();
    }

    static long freshId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    static String batch(long... ids) {
        StringBuilder events = new StringBuilder();
        for (long id : ids) {
            if (events.length() > 0) {
                events.append(',');
            }
            events.append("{\"event_id\":").append(id).append(",\"content_id\":\"").append(UUID.randomUUID())
                    .append("\",\"type\":\"play\"}");
        }
        return "{\"batch_id\":\"b\",\"events\":[" + events + "]}";
    }

    private static String versioned(long id, String change, long version, String type) {
        return "{\"batch_id\":\"b\",\"events\":[{\"event_id\":" + id + ",\"type\":\"" + type
                + "\",\"change\":\"" + change + "\",\"version\":" + version + "}]}";
    }

    static String sign(String body) {
        return sign(body, System.currentTimeMillis() / 1000);
    }

    static String sign(String body, long unixSeconds) {
        return "t=" + unixSeconds + ",sha256=" + hmac(unixSeconds + "." + body);
    }

    private static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
