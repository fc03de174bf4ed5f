package io.engagement.query.config;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.engagement.contracts.RedisKeys;

/** The key layout redis-projector writes, under the same configurable prefix. */
public class RedisKeysProducer {

    @Produces
    @Singleton
    RedisKeys redisKeys(@ConfigProperty(name = "pipeline.redis.key-prefix") Optional<String> prefix) {
        return new RedisKeys(prefix.orElse(""));
    }
}
