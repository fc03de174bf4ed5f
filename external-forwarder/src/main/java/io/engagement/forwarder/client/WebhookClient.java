package io.engagement.forwarder.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The external system's webhook (URL from {@code forwarder.webhook.url}). The body goes out as the exact bytes that
 * were signed; the caller classifies every status itself (retryable or rejected).
 */
@RegisterRestClient(configKey = "webhook")
public interface WebhookClient {
    String IDEMPOTENCY_KEY = "Idempotency-Key";
    String SIGNATURE = "X-Signature";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @HeaderParam(SIGNATURE) String signature,
            byte[] body);
}
