package io.engagement.loader.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.clickhouse.client.api.Client;

import io.engagement.contracts.clickhouse.ClickHouseClients;

/** One pooled client-v2 for the whole loader. */
@ApplicationScoped
public class ClickHouseClientProducer {

    @Produces
    @ApplicationScoped
    Client client(ClickHouseConfig config) {
        return ClickHouseClients.create(config.url(), config.database(), config.username(),
                config.password().orElse(""), config.socketTimeoutMs());
    }

    void close(@Disposes Client client) {
        client.close();
    }
}
