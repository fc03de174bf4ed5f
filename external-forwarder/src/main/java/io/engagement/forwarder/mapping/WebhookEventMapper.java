package io.engagement.forwarder.mapping;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;

/** Translates our {@link EnrichedEvent} into the external system's {@link WebhookEvent}. */
@ApplicationScoped
public class WebhookEventMapper {

    public WebhookEvent toWebhook(EnrichedEvent event) {
        return new WebhookEvent(
                event.eventId(),
                event.contentId(),
                event.userId(),
                event.eventType(),
                event.eventTs(),
                event.engagementSeconds(),
                event.engagementPct(),
                event.device(),
                clientPayload(event.rawPayload()),
                new WebhookEvent.Content(event.slug(), event.title(), event.contentType(), event.lengthSeconds()),
                CdcOp.READ.equals(event.op()),
                Instant.ofEpochMilli(event.sourceTsMs()),
                change(event.op()),
                event.version());
    }

    private static String change(String op) {
        return switch (op) {
            case CdcOp.UPDATE -> "update";
            case CdcOp.DELETE -> "delete";
            case CdcOp.READ -> "replay";
            default -> "insert";
        };
    }

    /** raw_payload travels as a JSON string on our topics; the receiver gets it as an object when it parses. */
    private static JsonNode clientPayload(String rawPayload) {
        if (rawPayload == null) {
            return null;
        }
        try {
            return JsonSerdes.mapper().readTree(rawPayload);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(rawPayload);
        }
    }
}
