package io.engagement.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.processor.support.Envelopes;

/** Columns the contract does not know, in rows that are otherwise fine: still accepted, but never unnoticed. */
class SchemaDriftTest {
    private final TopologyFixture fx = new TopologyFixture();
    private final UUID contentId = UUID.randomUUID();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aRenamedEventColumnIsCountedWhileTheEventStillGoesThroughWithoutIt() {
        fx.content("c", contentId, "Title", 600);
        ObjectNode row = Envelopes.eventRow(7, contentId, "play", Instant.ofEpochMilli(fx.now() - 1000), 4000);
        row.set("device_kind", row.remove("device"));
        fx.events.pipeInput(Envelopes.eventKey(7), Envelopes.event("c", row, fx.now() - 20));

        List<EnrichedEvent> enriched = fx.enriched.readValuesToList();
        assertEquals(1, enriched.size(), "the event is enriched as before");
        assertNull(enriched.get(0).device(), "its renamed device does not reach the sinks");
        assertTrue(fx.dlq.isEmpty(), "an unknown column is not a reason to dead-letter the row");
        assertEquals(1.0, unknownColumns("engagement_events"), "the row with an unknown column is counted");
        assertEquals(0.0, unknownColumns("content"));
    }

    @Test
    void aColumnAddedToTheContentTableIsCountedPerTable() {
        ObjectNode row = Envelopes.contentRow(contentId, "slug", "Title", "podcast", 600);
        row.put("drift_extra", "new");
        fx.content.pipeInput(Envelopes.contentKey(contentId), Envelopes.content("c", row, fx.now() - 50));

        assertEquals(1.0, unknownColumns("content"));
        assertEquals(0.0, unknownColumns("engagement_events"));
    }

    @Test
    void fieldsOfTheDebeziumEnvelopeTheContractSkipsAreNotSchemaDrift() {
        fx.content("c", contentId, "Title", 600);
        fx.event("c", 8, contentId, "play", Instant.ofEpochMilli(fx.now() - 1000), 4000);

        assertEquals(1, fx.enriched.readValuesToList().size());
        assertEquals(0.0, unknownColumns("engagement_events"), "source.version, source.db, ts_ms, ... are not columns");
        assertEquals(0.0, unknownColumns("content"));
    }

    private double unknownColumns(String table) {
        return fx.registry.get("pipeline_source_unknown_columns").tag("table", table).counter().count();
    }
}
