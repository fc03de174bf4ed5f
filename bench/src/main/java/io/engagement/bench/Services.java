package io.engagement.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline's services and the metrics URL of each, from the same port variables ./pipeline uses. */
final class Services {
    static final String[] SINKS = { "redis", "clickhouse", "webhook" };

    private Services() {
    }

    static Map<String, String> metricsUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("ingest-simulator", url("INGEST_SIMULATOR_PORT", 58181));
        urls.put("stream-processor", url("STREAM_PROCESSOR_PORT", 58182));
        urls.put("redis-projector", url("REDIS_PROJECTOR_PORT", 58183));
        urls.put("clickhouse-loader", url("CLICKHOUSE_LOADER_PORT", 58184));
        urls.put("external-forwarder", url("EXTERNAL_FORWARDER_PORT", 58185));
        urls.put("query-api", url("QUERY_API_PORT", 58080));
        return urls;
    }

    /** Which service writes which sink. */
    static String serviceOfSink(String sink) {
        return switch (sink) {
            case "redis" -> "redis-projector";
            case "clickhouse" -> "clickhouse-loader";
            default -> "external-forwarder";
        };
    }

    private static String url(String portVariable, int port) {
        return "http://127.0.0.1:" + BenchEnv.env(portVariable, Integer.toString(port)) + "/q/metrics";
    }
}
