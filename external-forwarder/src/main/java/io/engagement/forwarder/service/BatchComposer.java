package io.engagement.forwarder.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.JsonSerdes;
import io.engagement.forwarder.mapping.WebhookBatch;
import io.engagement.forwarder.mapping.WebhookEvent;
import io.engagement.forwarder.mapping.WebhookEventMapper;

/** Turns pending events into one request: the external format, serialized once, keyed by its event versions. */
@ApplicationScoped
public class BatchComposer {
    private final WebhookEventMapper mapper;
    private final WebhookSigner signer;

    public BatchComposer(WebhookEventMapper mapper, WebhookSigner signer) {
        this.mapper = mapper;
        this.signer = signer;
    }

    public WebhookRequest compose(List<PendingEvent> pending) {
        String key = signer.idempotencyKey(pending.stream().map(PendingEvent::event).toList());
        List<WebhookEvent> events = pending.stream().map(p -> mapper.toWebhook(p.event())).toList();
        byte[] body;
        try {
            body = JsonSerdes.mapper().writeValueAsBytes(new WebhookBatch(key, events));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize webhook batch " + key, e);
        }
        return new WebhookRequest(key, body, events.size());
    }
}
