package io.engagement.query.rest;

import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.engagement.contracts.LiveWindowConfig;
import io.engagement.query.redis.ContentStats;
import io.engagement.query.redis.WindowQueries;
import io.smallrye.mutiny.Uni;

@Path("/content/{id}/stats")
@Tag(name = "Live top content")
public class ContentStatsResource {
    private final WindowQueries queries;
    private final LiveWindowConfig grid;

    public ContentStatsResource(WindowQueries queries, LiveWindowConfig grid) {
        this.queries = queries;
        this.grid = grid;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One content item's totals per bucket over a sliding window")
    @APIResponse(responseCode = "200", description = "Totals and the buckets that saw events",
            content = @Content(schema = @Schema(implementation = ContentStats.class)))
    @APIResponse(responseCode = "400", description = "Malformed id or window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No events for this content within window + grace",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ContentStats> stats(
            @Parameter(description = "Content id (UUID)") @PathParam("id") String id,
            @Parameter(description = "Window length: 10s to 10m in whole buckets, e.g. 30s, 5m, 10m")
            @QueryParam("window") @DefaultValue("10m") String window) {
        UUID contentId = parseId(id);
        WindowParameter span = WindowParameter.parse(window, grid);
        return queries.stats(contentId, span.buckets(), span.label())
                .map(stats -> stats.orElseThrow(
                        () -> new NotFoundException("No live engagement for content " + contentId)));
    }

    private static UUID parseId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            // UUID.fromString accepts shortened groups like 1-2-3-4-5; only the canonical form names a content row.
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequestException("id", "'" + id + "' is not a UUID");
    }
}
