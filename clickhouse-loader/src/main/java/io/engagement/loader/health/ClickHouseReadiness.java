package io.engagement.loader.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.clickhouse.client.api.Client;

import io.engagement.loader.schema.SchemaMigrator;
import io.engagement.loader.sink.ClickHouseSink;

/** Ready when ClickHouse answers, the schema is in place and the last write did not fail for lack of a server. */
@Readiness
@ApplicationScoped
public class ClickHouseReadiness implements HealthCheck {
    private static final long PING_TIMEOUT_MS = 1_000;

    private final Client client;
    private final SchemaMigrator schema;
    private final ClickHouseSink sink;

    ClickHouseReadiness(Client client, SchemaMigrator schema, ClickHouseSink sink) {
        this.client = client;
        this.schema = schema;
        this.sink = sink;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = client.ping(PING_TIMEOUT_MS);
        if (reachable && !schema.applied()) {
            // ClickHouse was down at start: apply the schema now rather than wait for the first record.
            try {
                schema.ensureApplied();
            } catch (RuntimeException e) {
                reachable = false;
            }
        }
        return HealthCheckResponse.named("clickhouse")
                .status(reachable && schema.applied() && sink.writable())
                .withData("reachable", reachable)
                .withData("schema", schema.applied())
                .withData("writes", sink.writable() ? "ok" : "failing, retrying")
                .build();
    }
}
