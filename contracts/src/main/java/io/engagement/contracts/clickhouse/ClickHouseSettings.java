package io.engagement.contracts.clickhouse;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a service finds ClickHouse; env CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USERNAME, CLICKHOUSE_PASSWORD. */
@ConfigMapping(prefix = "clickhouse")
public interface ClickHouseSettings {
    @WithDefault("http://127.0.0.1:58123")
    String url();

    @WithDefault("engagement")
    String database();

    @WithDefault("default")
    String username();

    Optional<String> password();

    /** Upper bound of one request (env CLICKHOUSE_SOCKET_TIMEOUT_MS). */
    @WithDefault("30000")
    long socketTimeoutMs();
}
