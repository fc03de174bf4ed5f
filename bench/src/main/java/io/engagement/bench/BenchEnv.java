package io.engagement.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the running stack listens: the variables ./pipeline exports, with its defaults. */
record BenchEnv(String kafkaBootstrap, String simulatorUrl, String queryApiUrl, String clickhouseUrl,
        String receiverUrl, String pipelineHome) {

    static BenchEnv fromEnvironment() {
        return new BenchEnv(
                env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092"),
                "http://127.0.0.1:" + env("INGEST_SIMULATOR_PORT", "58181"),
                "http://127.0.0.1:" + env("QUERY_API_PORT", "58080"),
                env("CLICKHOUSE_URL", "http://127.0.0.1:58123"),
                "http://127.0.0.1:" + env("WEBHOOK_RECEIVER_PORT", "58186"),
                env("PIPELINE_HOME", ".pipeline"));
    }

    /** A connection to the stack's PostgreSQL as the pipeline user. */
    static Connection postgres() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env("PG_PORT", "55432") + "/"
                + env("PG_DATABASE", "engagement"), env("PG_USER", "pipeline"), env("PG_PASSWORD", "pipeline"));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int envInt(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
