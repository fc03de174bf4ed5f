package io.engagement.query.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
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
    @Operation(summary = "Re-read source rows through Debezium (incremental snapshot); changes no totals")
    public Uni<Response> start(BackfillRequest request) {
        return backfills.start(request).map(b -> Response.accepted(b).header("Location", "/admin/backfill/" + b.id())
                .build());
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
