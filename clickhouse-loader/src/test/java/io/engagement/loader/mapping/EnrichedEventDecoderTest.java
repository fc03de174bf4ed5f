package io.engagement.loader.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Every enriched record the loader cannot store is refused with a reason (to the DLQ), never a crash. */
class EnrichedEventDecoderTest {

    @Test
    void aJsonNullIsRefusedNotANullPointer() {
        assertRefused("null", "invalid-record", "JSON null");
    }

    @Test
    void anEmptyObjectIsRefusedForItsMissingId() {
        assertRefused("{}", "invalid-record", "event_id");
    }

    @Test
    void anUnknownEventTypeIsRefusedBeforeTheServerRefusesIt() {
        assertRefused(event().replace("\"play\"", "\"explode\""), "invalid-record", "event_type 'explode'");
    }

    @Test
    void anUnknownContentTypeIsRefused() {
        assertRefused(event().replace("\"podcast\"", "\"hologram\""), "invalid-record", "content_type 'hologram'");
    }

    @Test
    void anUnknownOrMissingOpIsRefused() {
        assertRefused(event().replace("\"op\":\"c\"", "\"op\":\"x\""), "invalid-record", "op must be one of");
        assertRefused(event().replace("\"op\":\"c\",", ""), "invalid-record", "op must be one of");
    }

    @Test
    void aNumberTooLongToWriteOutIsRefused() {
        assertRefused(event().replace("\"engagement_seconds\":1.5", "\"engagement_seconds\":1e999999999"),
                "invalid-record", "engagement_seconds is out of range");
        assertRefused(event().replace("\"engagement_pct\":0.25", "\"engagement_pct\":1e-999999999"),
                "invalid-record", "engagement_pct is out of range");
    }

    @Test
    void aNegativeIdIsRefused() {
        assertRefused(event().replace("\"event_id\":5", "\"event_id\":-5"), "invalid-record", "event_id");
    }

    @Test
    void aCompleteEventDecodes() throws Exception {
        assertThat(EnrichedEventDecoder.decode(json(event())).eventId()).isEqualTo(5);
    }

    @Test
    void aDeletionNoticeNeedsOnlyItsId() throws Exception {
        assertThat(EnrichedEventDecoder.decode(json("{\"event_id\":7,\"op\":\"d\",\"version\":9}")).eventId())
                .isEqualTo(7);
    }

    private static void assertRefused(String value, String reason, String detail) {
        assertThatThrownBy(() -> EnrichedEventDecoder.decode(json(value)))
                .isInstanceOfSatisfying(EnrichedEventDecoder.UndecodableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    private static String event() {
        return "{\"event_id\":5,\"content_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"play\","
                + "\"event_ts\":\"2026-01-01T00:00:00Z\",\"duration_ms\":1500,\"engagement_seconds\":1.5,"
                + "\"engagement_pct\":0.25,\"content_type\":\"podcast\",\"length_seconds\":600,\"op\":\"c\","
                + "\"source_ts_ms\":1,\"processed_ts_ms\":2,\"version\":3}";
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
