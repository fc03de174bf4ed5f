package io.engagement.contracts.clickhouse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.clickhouse.client.api.Client;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The one pooled client-v2 of a service that talks to ClickHouse. Only services that set the build property
 * {@code pipeline.clickhouse.enabled=true} (and depend on client-v2) get it; the others never see this bean.
 */
@ApplicationScoped
@IfBuildProperty(name = "pipeline.clickhouse.enabled", stringValue = "true")
public class ClickHouseClientProducer {

    @Produces
    @ApplicationScoped
    Client client(ClickHouseSettings settings) {
        return ClickHouseClients.create(settings.url(), settings.database(), settings.username(),
                settings.password().orElse(""), settings.socketTimeoutMs());
    }

    void close(@Disposes Client client) {
        client.close();
    }
}
