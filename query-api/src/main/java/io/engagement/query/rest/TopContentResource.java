package io.engagement.query.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.engagement.contracts.LiveWindowConfig;
import io.engagement.query.redis.RankBy;
import io.engagement.query.redis.TopContent;
import io.engagement.query.redis.RankingCache;
import io.smallrye.mutiny.Uni;

@Path("/top-content")
@Tag(name = "Live top content", description = "Most engaging content over the last minutes, from Redis")
public class TopContentResource {
    private final RankingCache rankings;
    private final LiveWindowConfig grid;

    public TopContentResource(RankingCache rankings, LiveWindowConfig grid) {
        this.rankings = rankings;
        this.grid = grid;
    }

    // Parameters arrive as text: a malformed number must be a 400 problem, not JAX-RS's bare 404.
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Top content of a sliding window",
            description = "Union of the window's 10-second buckets, ranked by engagement seconds or event count.")
    @APIResponse(responseCode = "200", description = "Ranked rows, best first",
            content = @Content(schema = @Schema(implementation = TopContent.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TopContent> top(
            @Parameter(description = "Rows to return, 1-100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") @DefaultValue("10") String limit,
            @Parameter(description = "Window length: 10s to 10m in whole buckets, e.g. 30s, 5m, 10m")
            @QueryParam("window") @DefaultValue("10m") String window,
            @Parameter(description = "Rank by engagement seconds or events",
                    schema = @Schema(enumeration = { "seconds", "events" }))
            @QueryParam("by") @DefaultValue("seconds") String by) {
        int rows = parseLimit(limit);
        WindowParameter span = WindowParameter.parse(window, grid);
        RankBy rankBy = RankBy.fromWire(by).orElseThrow(
                () -> new InvalidRequestException("by", "'" + by + "' is not one of seconds, events"));
        return rankings.top(span.buckets(), span.label(), rankBy).map(top -> top.limitedTo(rows));
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= TopContent.MAX_ROWS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        throw new InvalidRequestException("limit", "'" + value + "' is not a whole number from 1 to 100");
    }
}
