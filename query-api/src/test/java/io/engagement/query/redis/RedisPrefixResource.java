package io.engagement.query.redis;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Tests share the local Redis but see only keys under their own run prefix. */
public class RedisPrefixResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("pipeline.redis.key-prefix", "test-query-" + UUID.randomUUID() + ":");
    }

    @Override
    public void stop() {
    }
}
