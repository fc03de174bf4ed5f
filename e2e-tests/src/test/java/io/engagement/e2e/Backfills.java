package io.engagement.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** Backfills through query-api's admin API, as an operator starts and follows them. */
final class Backfills {
    private Backfills() {
    }

    /** Starts a backfill ({@code body} as POST /admin/backfill takes it) and returns its id. */
    static String start(String body) {
        return Stack.json("POST", Stack.QUERY_API + "/admin/backfill", body, "Authorization",
                "Bearer " + Stack.ADMIN_TOKEN).path("id").asText();
    }

    /** Waits until the backfill reports done; its progress is the rows Debezium has re-read so far. */
    static void awaitDone(String id) {
        Progress.await("backfill " + id + " done", Long.MAX_VALUE, () -> status(id).path("rows_reread").asLong(),
                () -> "done".equals(status(id).path("status").asText()));
    }

    private static JsonNode status(String id) {
        return Stack.json("GET", Stack.QUERY_API + "/admin/backfill/" + id, null, "Authorization",
                "Bearer " + Stack.ADMIN_TOKEN);
    }
}
