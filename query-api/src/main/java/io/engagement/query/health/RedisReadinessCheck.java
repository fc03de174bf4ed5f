package io.engagement.query.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** Top content and stats come only from Redis: without it this service cannot answer them. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Redis redis;

    public RedisReadinessCheck(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.send(Request.cmd(Command.PING))
                .ifNoItem().after(TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.up("redis"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("redis").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
