package io.engagement.forwarder.service;

/** One signed request, built once so every retry sends identical bytes under the same key. */
public record WebhookRequest(String idempotencyKey, String signature, byte[] body, int events) {
}
