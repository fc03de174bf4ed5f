package io.engagement.query.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A ClickHouse database of this test run only, with the loader's own migrations applied (the schema under test is the
 * one production uses), dropped afterwards.
 */
public class AnalyticsDatabase implements QuarkusTestResourceLifecycleManager {
    static final String URL = System.getenv().getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:58123");
    private static final Path MIGRATIONS = Path.of("..", "clickhouse-loader", "src", "main", "resources", "clickhouse",
            "migrations");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static String database;

    @Override
    public Map<String, String> start() {
        database = "analytics_test_" + UUID.randomUUID().toString().substring(0, 8);
        post("system", "CREATE DATABASE `" + database + "`");
        try {
            for (String migration : Files.readAllLines(MIGRATIONS.resolve("index.txt"))) {
                if (migration.isBlank()) {
                    continue;
                }
                String sql = Files.readString(MIGRATIONS.resolve(migration.strip())).replaceAll("(?m)^\\s*--.*$", "");
                for (String statement : sql.split(";\\s*\n")) {
                    if (!statement.isBlank()) {
                        post(database, statement.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("clickhouse.database", database);
    }

    @Override
    public void stop() {
        post("system", "DROP DATABASE IF EXISTS `" + database + "`");
    }

    static String post(String db, String body) {
        return post(db, null, body);
    }

    /** Runs {@code query} (URL) with {@code body} as its data, or {@code body} as the query when query is null. */
    static String post(String db, String query, String body) {
        String uri = URL + "/?database=" + URLEncoder.encode(db, StandardCharsets.UTF_8)
                + (query == null ? "" : "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
