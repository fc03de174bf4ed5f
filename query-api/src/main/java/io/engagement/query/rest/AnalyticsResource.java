package io.engagement.query.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.engagement.contracts.ContentType;
import io.engagement.query.clickhouse.AnalyticsQueries;
import io.engagement.query.clickhouse.AnalyticsQueries.AnalyticsUnavailableException;
import io.engagement.query.clickhouse.ContentRanking;
import io.engagement.query.clickhouse.DeviceBreakdown;
import io.engagement.query.clickhouse.Granularity;
import io.engagement.query.clickhouse.SeriesPoint;
import io.engagement.query.clickhouse.TopMetric;
import io.engagement.query.config.AnalyticsConfig;
import io.smallrye.mutiny.Uni;

/**
 * Answers are Unis, not lists: Quarkus REST cancels a Uni whose client has gone away, and AnalyticsQueries then kills
 * its query in ClickHouse instead of letting it run on to max_execution_time.
 */
@Path("/analytics")
@Tag(name = "Analytics", description = "History from ClickHouse; replayed or redelivered events never count twice")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "ClickHouse unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AnalyticsResource {
    private static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    private static final String FROM = "Start of the range, inclusive, ISO-8601 instant (default: `to` minus 24 h)";
    private static final String TO = "End of the range, exclusive, ISO-8601 instant (default: now)";

    private final AnalyticsQueries queries;
    private final Duration maxRange;

    public AnalyticsResource(AnalyticsQueries queries, AnalyticsConfig config) {
        this.queries = queries;
        this.maxRange = config.maxRange();
    }

    @GET
    @Path("/content/{id}")
    @Operation(summary = "Time series of one content item",
            description = "Events, engagement seconds and distinct users per minute, hour or day (UTC buckets).")
    @APIResponse(responseCode = "200", description = "Buckets with at least one event, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SeriesPoint.class)))
    public Uni<List<SeriesPoint>> content(
            @Parameter(description = "Content id (UUID)") @PathParam("id") String id,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Bucket size; ranges up to 2 days by minute, else up to pipeline.analytics.max-range (93 days)",
                    schema = @Schema(enumeration = { "minute", "hour", "day" }))
            @QueryParam("granularity") @DefaultValue("hour") String granularity) {
        UUID contentId = parseUuid(id);
        Granularity bucket = parseEnum("granularity", granularity, Granularity.class);
        Range range = Range.parse(from, to, bucket.maxRange().compareTo(maxRange) < 0 ? bucket.maxRange() : maxRange);
        return queries.contentSeries(contentId, range.from(), range.to(), bucket);
    }

    @GET
    @Path("/top")
    @Operation(summary = "Most engaging content of a time range",
            description = "Ranked by total engagement seconds, event count or average completion percentage "
                    + "(mean engagement_pct of the events that have one); ties broken by content id.")
    @APIResponse(responseCode = "200", description = "Ranked content, best first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ContentRanking.class)))
    public Uni<List<ContentRanking>> top(
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "Ranking metric", schema = @Schema(enumeration = { "seconds", "events", "completion" }))
            @QueryParam("by") @DefaultValue("seconds") String by,
            @Parameter(description = "Only this content type", schema = @Schema(enumeration = { "podcast", "newsletter", "video" }))
            @QueryParam("content_type") String contentType,
            @Parameter(description = "Rows to return, 1-1000", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") @DefaultValue("10") String limit) {
        Range range = Range.parse(from, to, maxRange);
        TopMetric metric = parseEnum("by", by, TopMetric.class);
        Optional<ContentType> type = contentType == null || contentType.isBlank() ? Optional.empty()
                : Optional.of(parseEnum("content_type", contentType, ContentType.class));
        return queries.top(range.from(), range.to(), metric, type, parseLimit(limit));
    }

    @GET
    @Path("/devices")
    @Operation(summary = "Engagement per device over a time range")
    @APIResponse(responseCode = "200", description = "Devices, most events first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeviceBreakdown.class)))
    public Uni<List<DeviceBreakdown>> devices(
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) {
        Range range = Range.parse(from, to, maxRange);
        return queries.devices(range.from(), range.to());
    }

    @ServerExceptionMapper
    public Response unavailable(AnalyticsUnavailableException e) {
        return ProblemMapper.problem(Problem.of(503, "Analytics unavailable",
                "ClickHouse did not answer within its limits; retry later, or ask for a shorter range"));
    }

    /** A checked [from, to) range. */
    record Range(Instant from, Instant to) {
        static Range parse(String fromText, String toText, Duration max) {
            Instant to = toText == null || toText.isBlank() ? Instant.now() : parseInstant("to", toText);
            Instant from = fromText == null || fromText.isBlank() ? to.minus(DEFAULT_RANGE) : parseInstant("from", fromText);
            if (!from.isBefore(to)) {
                throw new InvalidRequestException("from", "'from' must be before 'to'");
            }
            if (from.isBefore(Instant.EPOCH)) {
                throw new InvalidRequestException("from", "'from' must not be before 1970-01-01T00:00:00Z");
            }
            if (Duration.between(from, to).compareTo(max) > 0) {
                throw new InvalidRequestException("from", "the range may span at most " + max.toDays() + " days here");
            }
            return new Range(from, to);
        }
    }

    private static Instant parseInstant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "'" + value + "' is not an ISO-8601 instant like 2024-05-01T00:00:00Z");
        }
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "'" + value + "' is not a UUID");
        }
    }

    private static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        String wire = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(wire)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(name, "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        throw new InvalidRequestException("limit", "'" + value + "' is not a whole number from 1 to 1000");
    }
}
