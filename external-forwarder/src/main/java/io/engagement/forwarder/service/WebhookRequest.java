package io.engagement.forwarder.service;

/** One batch, serialized once so every retry sends identical bytes under the same key (signed afresh per attempt). */
public record WebhookRequest(String idempotencyKey, byte[] body, int events) {
}
