package io.engagement.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.JsonSerdes;

/** The few HTTP calls the benchmarks make to the services. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static String send(String method, String url, String jsonBody, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        request = jsonBody == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static JsonNode json(String method, String url, String jsonBody, String... headers)
            throws IOException, InterruptedException {
        return JsonSerdes.mapper().readTree(send(method, url, jsonBody, headers));
    }

    static void setRate(BenchEnv env, int eventsPerSecond) throws IOException, InterruptedException {
        send("PUT", env.simulatorUrl() + "/simulator/rate", "{\"events_per_second\": " + eventsPerSecond + "}");
    }
}
