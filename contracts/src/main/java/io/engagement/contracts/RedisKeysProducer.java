package io.engagement.contracts;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The key layout redis-projector writes and query-api reads, under the same prefix (env PIPELINE_REDIS_KEY_PREFIX). */
public class RedisKeysProducer {

    @Produces
    @Singleton
    RedisKeys redisKeys(@ConfigProperty(name = "pipeline.redis.key-prefix") Optional<String> prefix) {
        return new RedisKeys(prefix.orElse(""));
    }
}
