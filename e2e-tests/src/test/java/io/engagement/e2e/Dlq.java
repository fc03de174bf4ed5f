package io.engagement.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.DlqHeaders;
import io.engagement.contracts.JsonSerdes;
import io.engagement.contracts.Topics;

/** The dead-letter topic, read from the beginning to its current end: source event id → reasons. */
final class Dlq {
    private Dlq() {
    }

    static Map<Long, List<String>> reasonsBySourceEventId() {
        Map<Long, List<String>> reasons = new HashMap<>();
        TopicReader.read(Topics.DLQ, Map.of(), record -> {
            if (!Topics.EVENTS_CDC.equals(DlqHeaders.text(record.headers(), DlqHeaders.SOURCE_TOPIC))
                    || record.value() == null) {
                return;
            }
            try {
                JsonNode envelope = JsonSerdes.mapper().readTree(new String(record.value(), StandardCharsets.UTF_8));
                JsonNode row = envelope.path("after").isObject() ? envelope.path("after") : envelope.path("before");
                if (row.path("id").isNumber()) {
                    reasons.computeIfAbsent(row.path("id").asLong(), id -> new ArrayList<>())
                            .add(DlqHeaders.text(record.headers(), DlqHeaders.REASON));
                }
            } catch (Exception undecodable) {
                // An undecodable original carries no event id: it is no row of the source table.
            }
        });
        return reasons;
    }
}
