package io.engagement.query.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Prometheus' HTTP API (quarkus.rest-client.prometheus.url, env PROMETHEUS_URL). The browser never talks to
 * Prometheus: the live page asks query-api, which asks here. Blocking calls: the endpoints using it run on
 * worker threads and make a handful of sub-millisecond queries each.
 */
@RegisterRestClient(configKey = "prometheus")
@Path("/api/v1")
public interface PrometheusClient {

    /** Times in Unix seconds; Prometheus answers points at exactly start + k × step. */
    @GET
    @Path("/query_range")
    PrometheusResponse queryRange(@QueryParam("query") String query, @QueryParam("start") long start,
            @QueryParam("end") long end, @QueryParam("step") long step);

    @GET
    @Path("/query")
    PrometheusResponse query(@QueryParam("query") String query);

    @GET
    @Path("/alerts")
    PrometheusAlerts alerts();
}
