package io.engagement.receiver.rest;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/** RFC 9457 problem bodies for requests the receiver's own API refuses. */
final class Problems {
    private Problems() {
    }

    static Response badRequest(String detail) {
        return Response.status(400).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", "Bad request", "status", 400, "detail", detail)).build();
    }
}
