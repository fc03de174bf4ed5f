package io.engagement.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.JsonSerdes;

/** Addresses of the running stack (the variables ./pipeline exports) and the plain clients the tests use. */
final class Stack {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String QUERY_API = "http://127.0.0.1:" + env("QUERY_API_PORT", "58080");
    static final String SIMULATOR = "http://127.0.0.1:" + env("INGEST_SIMULATOR_PORT", "58181");
    static final String RECEIVER = "http://127.0.0.1:" + env("WEBHOOK_RECEIVER_PORT", "58186");
    static final String CLICKHOUSE = env("CLICKHOUSE_URL", "http://127.0.0.1:58123");
    static final String CLICKHOUSE_TABLE = env("CLICKHOUSE_DATABASE", "engagement") + ".engagement_events";
    /** The rows queries see: the highest version of each event id, deletions left out. */
    static final String CLICKHOUSE_LIVE = CLICKHOUSE_TABLE + " FINAL WHERE is_deleted = 0";
    static final String KAFKA = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092");
    static final String ADMIN_TOKEN = env("PIPELINE_ADMIN_TOKEN", "local-admin-token");

    private Stack() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static Connection postgres() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env("PG_PORT", "55432") + "/"
                + env("PG_DATABASE", "engagement"), env("PG_USER", "pipeline"), env("PG_PASSWORD", "pipeline"));
    }

    static HttpResponse<String> send(String method, String url, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
        if (headers.length > 0) {
            request.headers(headers);
        }
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 2xx answer as JSON; anything else fails the test with the body. */
    static JsonNode json(String method, String url, String json, String... headers) {
        HttpResponse<String> response = send(method, url, json, headers);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        try {
            return JsonSerdes.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * Sets the simulator's rate; a stop returns once its last insert has committed, so the ids and rows a test reads
     * from PostgreSQL afterwards stay what they are (a batch still in flight would commit ids below max(id) later).
     */
    static void setRate(int eventsPerSecond) {
        json("PUT", SIMULATOR + "/simulator/rate", "{\"events_per_second\": " + eventsPerSecond + "}");
        if (eventsPerSecond == 0) {
            Progress.await("simulator inserts still in flight", 1, () -> json("GET", SIMULATOR + "/simulator/rate", null)
                    .path("writes_in_flight").asInt(1) == 0 ? 1 : 0);
        }
    }

    /** A ClickHouse query's TSV rows (the server is 18.16 locally: plain HTTP, explicit format). */
    static List<String[]> clickhouse(String sql) {
        HttpResponse<String> response = send("POST", CLICKHOUSE + "/?query=" + URLEncoder.encode(sql + " FORMAT TSV",
                StandardCharsets.UTF_8), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("ClickHouse refused " + sql + ": " + response.body());
        }
        return response.body().lines().map(l -> l.split("\t", -1)).toList();
    }

    static long clickhouseLong(String sql) {
        return Long.parseLong(clickhouse(sql).get(0)[0]);
    }

    static BigDecimal decimal(String value) {
        return value == null || value.equals("\\N") ? null : new BigDecimal(value);
    }
}
