package io.engagement.forwarder.mapping;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of one webhook request; {@code batch_id} equals the {@code Idempotency-Key} header. */
@RegisterForReflection
public record WebhookBatch(String batchId, List<WebhookEvent> events) {
}
