package io.engagement.query.service;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.engagement.query.client.PrometheusAlerts;
import io.engagement.query.client.PrometheusClient;
import io.engagement.query.client.PrometheusResponse;

/** The Prometheus client with its failures turned into {@link PrometheusException}s that say what went wrong. */
@ApplicationScoped
public class PrometheusQueries {
    private final PrometheusClient client;
    private final String url;

    public PrometheusQueries(@RestClient PrometheusClient client,
            @ConfigProperty(name = "quarkus.rest-client.prometheus.url") String url) {
        this.client = client;
        this.url = url;
    }

    public List<PrometheusResponse.Sample> range(String query, long start, long end, long step) {
        return result(call(() -> client.queryRange(query, start, end, step), query));
    }

    public List<PrometheusResponse.Sample> instant(String query) {
        return result(call(() -> client.query(query), query));
    }

    public List<PrometheusAlerts.Alert> alerts() {
        PrometheusAlerts answer = call(client::alerts, "/api/v1/alerts");
        return answer.data() == null || answer.data().alerts() == null ? List.of() : answer.data().alerts();
    }

    private static List<PrometheusResponse.Sample> result(PrometheusResponse answer) {
        return answer.data() == null || answer.data().result() == null ? List.of() : answer.data().result();
    }

    private <T> T call(Supplier<T> request, String what) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            // Prometheus explains a refused query in its JSON body ({"errorType": ..., "error": ...}).
            String body = e.getResponse().hasEntity() ? e.getResponse().readEntity(String.class) : "";
            throw new PrometheusException(502, "Prometheus refused the query",
                    "Prometheus at " + url + " answered " + e.getResponse().getStatus() + " to " + what + ": " + body, e);
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PrometheusException(503, "Prometheus unavailable",
                    "Prometheus at " + url + " is unreachable: " + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage(), e);
        }
    }
}
