package io.engagement.query.rest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import io.engagement.query.config.LivePageConfig;
import io.engagement.query.service.LiveChart;
import io.engagement.query.service.LiveCharts;
import io.engagement.query.service.PartStatuses;
import io.engagement.query.service.PartsStatus;

/** What the live page at / draws: the Grafana dashboard's panels through Prometheus, and each part's state. */
@Path("/live")
@Tag(name = "Live page", description = "Time series of the Grafana dashboard's panels and the state of each part")
public class LiveResource {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,4})([smh])");
    private static final Duration MIN_RANGE = Duration.ofMinutes(1), MAX_RANGE = Duration.ofHours(6);

    private final LiveCharts charts;
    private final PartStatuses statuses;
    private final LivePageConfig config;

    public LiveResource(LiveCharts charts, PartStatuses statuses, LivePageConfig config) {
        this.charts = charts;
        this.statuses = statuses;
        this.config = config;
    }

    @GET
    @Path("/charts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The chart names the page can ask for")
    public List<String> names() {
        return charts.names();
    }

    @GET
    @Path("/charts/{chart}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One chart's series", description = "The dashboard panel's PromQL run over the range.")
    @APIResponse(responseCode = "200", description = "Series aligned on shared timestamps",
            content = @Content(schema = @Schema(implementation = LiveChart.class)))
    @APIResponse(responseCode = "400", description = "Invalid range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such chart",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Prometheus unreachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LiveChart chart(@PathParam("chart") String chart,
            @Parameter(description = "How far back: 1m to 6h, e.g. 10m, 90s, 1h; default the configured range")
            @QueryParam("range") @DefaultValue("") String range) {
        return charts.chart(chart, range.isBlank() ? config.range() : parseRange(range));
    }

    @GET
    @Path("/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "State of each part", description = "Answers while Prometheus is down: its services are then unknown.")
    public PartsStatus status() {
        return statuses.status();
    }

    private static Duration parseRange(String value) {
        Matcher m = RANGE.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (d.compareTo(MIN_RANGE) >= 0 && d.compareTo(MAX_RANGE) <= 0) {
                return d;
            }
        }
        throw new InvalidRequestException("range", "'" + value + "' is not a duration from 1m to 6h (e.g. 10m, 90s, 1h)");
    }
}
