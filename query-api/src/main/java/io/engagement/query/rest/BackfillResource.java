package io.engagement.query.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.engagement.query.backfill.Backfill;
import io.engagement.query.backfill.BackfillRequest;
import io.engagement.query.backfill.BackfillService;
import io.smallrye.mutiny.Uni;

@Path("/admin/backfill")
@Tag(name = "admin", description = "Reprocessing; bearer token from PIPELINE_ADMIN_TOKEN")
@SecurityRequirement(name = "admin-token")
public class BackfillResource {
    private final BackfillService backfills;

    public BackfillResource(BackfillService backfills) {
        this.backfills = backfills;
    }

    @POST
    @Operation(summary = "Re-read source rows through Debezium (incremental snapshot); changes no totals",
            description = "One at a time: 409 while another is pending or running. With an Idempotency-Key a "
                    + "repeated request answers 200 with the backfill the first one started (202 when it starts one).")
    public Uni<Response> start(BackfillRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 200 characters");
        }
        return backfills.start(request, idempotencyKey).map(started -> Response
                .status(started.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(started.backfill()).header("Location", "/admin/backfill/" + started.backfill().id()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Progress of a backfill: pending, running (rows re-read so far) or done")
    public Uni<Backfill> progress(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "not a UUID: " + id);
        }
        return backfills.progress(uuid).map(found -> found.orElseThrow(
                () -> new NotFoundException("no backfill " + uuid)));
    }
}
