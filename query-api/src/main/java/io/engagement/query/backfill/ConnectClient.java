package io.engagement.query.backfill;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Kafka Connect's REST API: the committed source offsets tell how far Debezium has read and snapshotted; the status
 * whether the connector and its tasks run.
 */
@RegisterRestClient(configKey = "connect")
public interface ConnectClient {

    @RegisterForReflection
    record ConnectorOffsets(List<SourceOffset> offsets) {
    }

    @RegisterForReflection
    record SourceOffset(Map<String, Object> partition, Map<String, Object> offset) {
    }

    @RegisterForReflection
    record ConnectorStatus(State connector, List<State> tasks) {

        /** The connector and every task RUNNING; a connector without tasks does not capture anything. */
        public boolean running() {
            return connector != null && "RUNNING".equals(connector.state()) && tasks != null && !tasks.isEmpty()
                    && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
        }
    }

    @RegisterForReflection
    record State(String state) {
    }

    @GET
    @Path("/connectors/{name}/offsets")
    Uni<ConnectorOffsets> offsets(@PathParam("name") String connector);

    @GET
    @Path("/connectors/{name}/status")
    Uni<ConnectorStatus> status(@PathParam("name") String connector);
}
