package io.engagement.projector.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.engagement.projector.service.RedisWriteState;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Not ready while writes are being retried (nothing past the failed batch gets committed) or Redis does not answer
 * a PING, so an idle projector also reports an unreachable Redis.
 */
@Readiness
@ApplicationScoped
public class RedisWriterReadiness implements HealthCheck {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final Redis redis;
    private final RedisWriteState state;

    public RedisWriterReadiness(Redis redis, RedisWriteState state) {
        this.redis = redis;
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("redis-writer");
        RedisWriteState.Failure failure = state.failure();
        if (failure != null) {
            return response.down()
                    .withData("failing_since", failure.since().toString())
                    .withData("error", failure.error())
                    .build();
        }
        try {
            redis.send(Request.cmd(Command.PING)).await().atMost(PING_TIMEOUT);
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
