package io.engagement.loader.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the loader writes; env CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USERNAME, CLICKHOUSE_PASSWORD. */
@ConfigMapping(prefix = "clickhouse")
public interface ClickHouseConfig {
    @WithDefault("http://127.0.0.1:58123")
    String url();

    @WithDefault("engagement")
    String database();

    @WithDefault("default")
    String username();

    Optional<String> password();

    /** Upper bound of one insert; a batch of 20k rows takes well under a second. */
    @WithDefault("30000")
    long socketTimeoutMs();
}
