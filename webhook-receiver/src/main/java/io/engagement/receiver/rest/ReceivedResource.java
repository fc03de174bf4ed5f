package io.engagement.receiver.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.engagement.receiver.service.ReceivedLedger;

/** Ground truth for tests and demos: what was applied, and how often each event arrived. */
@Path("/received")
@Produces(MediaType.APPLICATION_JSON)
public class ReceivedResource {
    private final ReceivedLedger ledger;

    public ReceivedResource(ReceivedLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/summary")
    public Map<String, Long> summary() {
        return ledger.summary();
    }

    @GET
    @Path("/ids")
    public List<Long> ids() {
        return ledger.ids();
    }

    /** The events with these ids ({@code ?ids=1,2,3}), each with its delivery count; unknown ids are left out. */
    @GET
    @Path("/events")
    public Response events(@QueryParam("ids") String ids) {
        List<Long> parsed = new ArrayList<>();
        Response invalid = parseIds(ids, parsed);
        return invalid != null ? invalid : Response.ok(ledger.find(parsed).values()).build();
    }

    /**
     * event id → newest version applied, for these ids ({@code ?ids=1,2,3}), from the durable dedupe store: what the
     * receiver has applied across restarts, not only the events it keeps for inspection. Unknown ids are left out.
     */
    @GET
    @Path("/versions")
    public Response versions(@QueryParam("ids") String ids) {
        List<Long> parsed = new ArrayList<>();
        Response invalid = parseIds(ids, parsed);
        return invalid != null ? invalid : Response.ok(ledger.appliedVersions(parsed)).build();
    }

    /**
     * event id → the Idempotency-Keys of the accepted batches that carried it, oldest first, for these ids
     * ({@code ?ids=1,2,3}); a batch acknowledged as a duplicate counts too. Unknown ids are left out.
     */
    @GET
    @Path("/keys")
    public Response keys(@QueryParam("ids") String ids) {
        List<Long> parsed = new ArrayList<>();
        Response invalid = parseIds(ids, parsed);
        return invalid != null ? invalid : Response.ok(ledger.batchKeys(parsed)).build();
    }

    /** Parses {@code ids} into {@code parsed}; a problem response when it is missing or not a list of ids. */
    private static Response parseIds(String ids, List<Long> parsed) {
        if (ids == null || ids.isBlank()) {
            return Problems.badRequest("query parameter 'ids' is required (comma-separated event ids)");
        }
        for (String id : ids.split(",")) {
            try {
                parsed.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                return Problems.badRequest("'" + id.trim() + "' is not an event id");
            }
        }
        return null;
    }

    @DELETE
    public Response reset() {
        ledger.reset();
        return Response.noContent().build();
    }
}
