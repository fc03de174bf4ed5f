package io.engagement.simulator.rest;

import java.util.Locale;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Refused requests get a 400 with a body that says what was wrong, not a bare status. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    String property = path.substring(path.lastIndexOf('.') + 1);
                    return property.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT) + ": " + v.getMessage();
                })
                .sorted().reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return problem(400, "Invalid request", detail);
    }

    // Mapped by their exact classes: Quarkus' own mappers for these answer 400 with an empty body.
    @ServerExceptionMapper({ MismatchedInputException.class, InvalidFormatException.class })
    public Response mistypedField(MismatchedInputException e) {
        String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .reduce((a, b) -> b).orElse("body");
        return problem(400, "Invalid request", field + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unparsableBody(JsonParseException e) {
        return problem(400, "Invalid request", "body is not JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // JAX-RS answers 404 when a query parameter does not convert; to the client it is a bad request.
        if (e.getCause() instanceof IllegalArgumentException conversion) {
            return problem(400, "Invalid request", "not a valid number: " + conversion.getMessage());
        }
        int status = e.getResponse().getStatus();
        return problem(status, status == 404 ? "Not found" : "Invalid request", e.getMessage());
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json").entity(new Problem(title, status, detail))
                .build();
    }
}
