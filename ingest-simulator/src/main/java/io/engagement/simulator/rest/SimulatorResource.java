package io.engagement.simulator.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.engagement.simulator.service.BadRowWriter;
import io.engagement.simulator.service.BurstWriter;
import io.engagement.simulator.service.TrafficLoop;
import io.smallrye.mutiny.Uni;

@Path("/simulator")
public class SimulatorResource {
    private final TrafficLoop traffic;
    private final BurstWriter burst;
    private final BadRowWriter badRows;

    public SimulatorResource(TrafficLoop traffic, BurstWriter burst, BadRowWriter badRows) {
        this.traffic = traffic;
        this.burst = burst;
        this.badRows = badRows;
    }

    @GET
    @Path("/rate")
    public RateView rate() {
        return new RateView(traffic.targetRate(), traffic.achievedRate(), traffic.writesInFlight());
    }

    @PUT
    @Path("/rate")
    public RateView setRate(@NotNull(message = "a JSON body {\"events_per_second\": N} is required") @Valid RateSetting setting) {
        traffic.setTargetRate(setting.eventsPerSecond());
        return rate();
    }

    /** Inserts N events as fast as possible and reports the achieved insert rate. */
    @POST
    @Path("/burst")
    public Uni<BurstWriter.BurstResult> burst(
            @QueryParam("events") @NotNull(message = "events is required")
            @Min(value = 1, message = "must be >= 1") @Max(value = 2_000_000, message = "must be <= 2000000") Integer events) {
        return burst.burst(events);
    }

    /** Inserts rows PostgreSQL accepts but the pipeline must survive; says which should reach the DLQ. */
    @POST
    @Path("/bad-rows")
    public Uni<List<BadRowWriter.BadRow>> badRows() {
        return badRows.write();
    }
}
