package io.engagement.query.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem body: every 4xx of this API says what was wrong with the request. */
@RegisterForReflection
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
