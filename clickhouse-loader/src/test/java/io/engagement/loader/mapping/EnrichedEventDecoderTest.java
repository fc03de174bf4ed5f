package io.engagement.loader.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

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

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
