package io.engagement.projector.config;

import jakarta.inject.Singleton;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.engagement.contracts.RedisKeys;

/** The key layout shared with query-api, under a configurable prefix. */
public class RedisKeysProducer {

    @Produces
    @Singleton
    RedisKeys redisKeys(@ConfigProperty(name = "pipeline.redis.key-prefix") Optional<String> prefix) {
        return new RedisKeys(prefix.orElse(""));
    }
}
