package io.engagement.loader.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test-side reads straight over ClickHouse's HTTP interface: an independent check of what the loader wrote. */
public final class ClickHouseHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String url;
    private final String database;

    public ClickHouseHttp(String url, String database) {
        this.url = url;
        this.database = database;
    }

    public String query(String sql) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/?database="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse " + response.statusCode() + " for " + sql + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(query(sql + " FORMAT TSV").strip());
    }
}
