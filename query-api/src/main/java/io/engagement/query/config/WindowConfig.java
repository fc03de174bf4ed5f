package io.engagement.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bucket grid redis-projector writes; must match its {@code pipeline.window.*} settings. */
@ConfigMapping(prefix = "pipeline.window")
public interface WindowConfig {

    @WithDefault("10")
    int bucketSeconds();

    /** Buckets in the longest window a query may ask for. */
    @WithDefault("60")
    int buckets();

    default long bucketMs() {
        return bucketSeconds() * 1000L;
    }
}
