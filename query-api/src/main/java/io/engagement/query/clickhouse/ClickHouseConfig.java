package io.engagement.query.clickhouse;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where analytics read from; env CLICKHOUSE_URL, CLICKHOUSE_DATABASE, CLICKHOUSE_USERNAME, CLICKHOUSE_PASSWORD. */
@ConfigMapping(prefix = "clickhouse")
public interface ClickHouseConfig {
    @WithDefault("http://127.0.0.1:58123")
    String url();

    @WithDefault("engagement")
    String database();

    @WithDefault("default")
    String username();

    Optional<String> password();

    /** An analytics query slower than this fails rather than holding a request thread. */
    @WithDefault("10000")
    long socketTimeoutMs();
}
