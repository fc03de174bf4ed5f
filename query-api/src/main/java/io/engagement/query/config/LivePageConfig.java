package io.engagement.query.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The live page at {@code /}: which panels of the Grafana dashboard it shows and over what span. Every key is
 * also an environment variable (pipeline.live.range → PIPELINE_LIVE_RANGE); Prometheus' address is the REST
 * client's ({@code PROMETHEUS_URL}).
 */
@ConfigMapping(prefix = "pipeline.live")
public interface LivePageConfig {

    /** Classpath resource of the dashboard; the build puts monitoring/dashboards/pipeline-latency.json there. */
    @WithDefault("dashboards/pipeline-latency.json")
    String dashboard();

    /** How far back a chart reaches when the request names no range. */
    @WithDefault("10m")
    Duration range();

    /** Distance between two points of a series (Prometheus' query_range step). */
    @WithDefault("5s")
    Duration step();

    /** Prometheus' scrape interval: Grafana's {@code $__rate_interval} is derived from it, so is ours. */
    @WithDefault("5s")
    Duration scrapeInterval();

    /** The page's charts by name: the dashboard panel each one shows. */
    Map<String, Chart> charts();

    /** The dashboard panel whose instant query tells which services Prometheus can scrape. */
    @WithDefault("7")
    int statusPanel();

    /** Services the status lists even while Prometheus knows nothing of them (it is down, or just started). */
    List<String> services();

    interface Chart {
        /** The panel's {@code id} in the dashboard. */
        int panel();

        /** The panel targets to run, by refId; all of them when absent. */
        Optional<List<String>> refIds();
    }
}
