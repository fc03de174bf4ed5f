package io.engagement.query.rest;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.engagement.query.backfill.BackfillConflictException;
import io.engagement.query.service.PrometheusException;

/** Turns refused requests into problem bodies instead of bare status codes. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return problem(Problem.of(400, "Invalid parameter '" + e.parameter() + "'", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return problem(Problem.of(400, "Invalid request", detail));
    }

    @ServerExceptionMapper
    public Response conflict(BackfillConflictException e) {
        return problem(Problem.of(409, "A backfill is still running", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(Problem.of(404, "Not found", e.getMessage()));
    }

    // Prometheus down is the page's business (it shows the charts as stale), not an error of this service.
    @ServerExceptionMapper
    public Response prometheus(PrometheusException e) {
        LOG.debugf("live chart: %s", e.getMessage());
        return problem(Problem.of(e.status(), e.title(), e.getMessage()));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
