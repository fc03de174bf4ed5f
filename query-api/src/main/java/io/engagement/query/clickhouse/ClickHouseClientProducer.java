package io.engagement.query.clickhouse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.clickhouse.client.api.Client;

import io.engagement.contracts.clickhouse.ClickHouseClients;

/** The one client-v2 instance analytics share (it pools connections). */
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
