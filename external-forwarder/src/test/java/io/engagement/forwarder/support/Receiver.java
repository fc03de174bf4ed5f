package io.engagement.forwarder.support;

import static io.restassured.RestAssured.given;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;

/** The receiver's own HTTP API: ground truth of what arrived, and fault injection. */
public final class Receiver {
    private Receiver() {
    }

    private static String url(String path) {
        return ReceiverProcess.current().baseUrl() + path;
    }

    public static void arm(String faultsJson) {
        given().contentType("application/json").body(faultsJson).post(url("/faults")).then().statusCode(200);
    }

    public static void clearFaults() {
        given().delete(url("/faults")).then().statusCode(204);
    }

    /** Delivery count per event id, for the ids the receiver has applied. */
    public static Map<Long, Integer> deliveries(Collection<Long> ids) {
        Map<Long, Integer> found = new HashMap<>();
        List<Long> list = List.copyOf(ids);
        // Chunked: a few hundred ids per request keep the query string short.
        for (int from = 0; from < list.size(); from += 200) {
            String query = list.subList(from, Math.min(list.size(), from + 200)).stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            JsonPath json = given().queryParam("ids", query).get(url("/received/events")).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> entries = json.getList("$");
            for (Map<String, Object> entry : entries) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) entry.get("event");
                found.put(((Number) event.get("event_id")).longValue(), ((Number) entry.get("deliveries")).intValue());
            }
        }
        return found;
    }

    /** event id → the Idempotency-Keys of the batches that carried it, oldest first, for the ids it has seen. */
    public static Map<Long, List<String>> batchKeys(Collection<Long> ids) {
        String query = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<String, List<String>> json = given().queryParam("ids", query).get(url("/received/keys")).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        Map<Long, List<String>> found = new HashMap<>();
        json.forEach((id, keys) -> found.put(Long.parseLong(id), keys));
        return found;
    }

    public static JsonPath event(long id) {
        return given().queryParam("ids", id).get(url("/received/events")).then().statusCode(200).extract().jsonPath();
    }

    public static long summary(String field) {
        return given().get(url("/received/summary")).then().statusCode(200).extract().jsonPath().getLong(field);
    }
}
