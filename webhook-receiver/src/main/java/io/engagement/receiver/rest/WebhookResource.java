package io.engagement.receiver.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.engagement.receiver.metrics.ReceiverMetrics;
import io.engagement.receiver.service.FaultPlan;
import io.engagement.receiver.service.ReceivedLedger;
import io.engagement.receiver.service.SignatureVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The external system's ingestion endpoint: {@code {"batch_id": ..., "events": [{"event_id": ..., ...}]}} signed with
 * {@code X-Signature} and keyed by {@code Idempotency-Key}. Armed faults are applied before the batch is looked at,
 * so a failed request never records anything (the sender must retry it).
 */
@Path("/webhook")
public class WebhookResource {
    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final SignatureVerifier verifier;
    private final ReceivedLedger ledger;
    private final FaultPlan faults;
    private final ReceiverMetrics metrics;
    private final ObjectMapper mapper;

    public WebhookResource(SignatureVerifier verifier, ReceivedLedger ledger, FaultPlan faults, ReceiverMetrics metrics,
            ObjectMapper mapper) {
        this.verifier = verifier;
        this.ledger = ledger;
        this.faults = faults;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Signature") String signature, @Context HttpServerRequest request) {
        if (faults.takeReset()) {
            // Drops the TCP connection mid-request: the sender sees a connection reset, not an HTTP status.
            request.connection().close();
            return Uni.createFrom().nothing();
        }
        int delayMs = faults.takeDelayMs();
        Uni<Void> wait = delayMs == 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMs));
        return wait.map(ignored -> answer(body, idempotencyKey, signature))
                .invoke(response -> metrics.answered(response.getStatus()));
    }

    private Response answer(byte[] body, String idempotencyKey, String signature) {
        SignatureVerifier.Refusal refusal = verifier.check(body, signature);
        if (refusal != null) {
            ledger.badSignature();
            return error(Response.Status.UNAUTHORIZED.getStatusCode(), switch (refusal) {
                case MISSING_OR_MALFORMED -> "X-Signature must be t=<unix seconds>,sha256=<hex>";
                case MISMATCH -> "signature mismatch";
                case TIMESTAMP_OUTSIDE_TOLERANCE -> "signature timestamp outside the tolerance (a replayed request?)";
            });
        }
        List<JsonNode> events;
        try {
            events = events(mapper.readTree(body));
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "malformed batch: " + e.getMessage());
        }
        List<Long> ids = events.stream().map(e -> e.path("event_id").asLong()).toList();
        switch (faults.decide(ids)) {
            case FAIL_500:
                return error(500, "injected failure");
            case REFUSE:
                return error(faults.refuseStatus(), "injected refusal");
            case FAIL_EVENT_500:
                return error(500, "event " + faults.failEventId() + " cannot be processed");
            case THROTTLE_429:
                return Response.status(429).header("Retry-After", faults.retryAfterSeconds())
                        .type(MediaType.APPLICATION_JSON).entity(Map.of("error", "slow down")).build();
            case REJECT_400:
                return error(400, "event " + faults.rejectEventId() + " rejected");
            default:
                ReceivedLedger.Applied applied = ledger.apply(idempotencyKey, events);
                LOG.debugf("batch %s: %d accepted, %d duplicates, %d stale", idempotencyKey, applied.accepted(),
                        applied.duplicates(), applied.stale());
                return Response.ok(Map.of("accepted", applied.accepted(), "duplicates", applied.duplicates(),
                        "stale", applied.stale(), "duplicate_batch", applied.duplicateBatch())).build();
        }
    }

    private static List<JsonNode> events(JsonNode batch) {
        JsonNode events = batch.path("events");
        if (!events.isArray()) {
            throw new IllegalArgumentException("'events' must be an array");
        }
        List<JsonNode> list = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            if (!event.path("event_id").canConvertToLong()) {
                throw new IllegalArgumentException("every event needs a numeric 'event_id'");
            }
            list.add(event);
        }
        return list;
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
