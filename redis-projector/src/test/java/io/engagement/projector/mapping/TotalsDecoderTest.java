package io.engagement.projector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Every totals record the projector cannot use is refused with a reason (to the DLQ), never a crash. */
class TotalsDecoderTest {
    private static final String VALID = "{\"content_id\":\"0b6c6f0e-0000-4000-8000-000000000001\","
            + "\"bucket_start_ms\":1796280000000,\"bucket_seconds\":10,\"engagement_seconds\":%s,\"events\":3}";
    private final TotalsDecoder decoder = new TotalsDecoder();

    @Test
    void aValidRecordDecodes() {
        assertThat(decoder.decode(json(VALID.formatted("12.345"))).events()).isEqualTo(3);
    }

    @Test
    void aJsonNullIsRefusedNotANullPointer() {
        assertRefused("null", TotalsDecoder.INVALID, "JSON null");
    }

    @Test
    void anAbsurdlyLargeNumberIsRefusedBeforeAnythingExpandsIt() {
        assertRefused(VALID.formatted("1e999999999"), TotalsDecoder.INVALID, "engagement_seconds");
        assertRefused(VALID.formatted("1e-999999999"), TotalsDecoder.INVALID, "engagement_seconds");
    }

    private void assertRefused(String value, String reason, String detail) {
        assertThatThrownBy(() -> decoder.decode(json(value))).isInstanceOfSatisfying(InvalidTotalsException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
