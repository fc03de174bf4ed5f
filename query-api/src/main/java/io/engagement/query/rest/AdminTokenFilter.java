package io.engagement.query.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** /admin/* needs {@code Authorization: Bearer $PIPELINE_ADMIN_TOKEN}; without a configured token it is off. */
public class AdminTokenFilter {
    private final Optional<String> token;

    public AdminTokenFilter(@ConfigProperty(name = "pipeline.admin.token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin")) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            return Optional.of(ProblemMapper.problem(Problem.of(503, "Admin API disabled",
                    "set PIPELINE_ADMIN_TOKEN to enable /admin endpoints")));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
        // Constant-time comparison: the answer time must not reveal how much of the token matched.
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type(Problem.MEDIA_TYPE).entity(Problem.of(401, "Unauthorized",
                            "a valid bearer token is required")).build());
        }
        return Optional.empty();
    }
}
