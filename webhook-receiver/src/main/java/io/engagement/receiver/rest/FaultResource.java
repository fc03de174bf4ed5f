package io.engagement.receiver.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.engagement.receiver.service.FaultPlan;
import io.engagement.receiver.service.Faults;

/** Arms and clears simulated failures; a new POST replaces whatever was armed before. */
@Path("/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {
    private static final Logger LOG = Logger.getLogger(FaultResource.class);

    private final FaultPlan plan;

    public FaultResource(FaultPlan plan) {
        this.plan = plan;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response arm(Faults faults) {
        if (faults == null) {
            return Problems.badRequest("a JSON body with the faults to arm is required");
        }
        String invalid = faults.invalidField();
        if (invalid != null) {
            return Problems.badRequest("'" + invalid + "' must not be negative"
                    + ("refuse_status".equals(invalid) ? " and must be an HTTP error status (400-599)" : ""));
        }
        plan.arm(faults);
        LOG.infof("faults armed: %s", faults);
        return Response.ok(plan.current()).build();
    }

    @GET
    public Faults current() {
        return plan.current();
    }

    @DELETE
    public Response clear() {
        plan.clear();
        LOG.info("faults cleared");
        return Response.noContent().build();
    }
}
