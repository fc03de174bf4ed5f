package io.engagement.query.backfill;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Kafka Connect's REST API: the committed source offsets tell how far Debezium has read and snapshotted. */
@RegisterRestClient(configKey = "connect")
public interface ConnectClient {

    @RegisterForReflection
    record ConnectorOffsets(List<SourceOffset> offsets) {
    }

    @RegisterForReflection
    record SourceOffset(Map<String, Object> partition, Map<String, Object> offset) {
    }

    @GET
    @Path("/connectors/{name}/offsets")
    Uni<ConnectorOffsets> offsets(@PathParam("name") String connector);
}
