package io.engagement.forwarder.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BodyExcerptTest {

    @Test
    void anEndlessBodyYieldsItsFirstCharactersAndIsNotReadOn() throws IOException {
        CountingEndlessBody body = new CountingEndlessBody();

        assertThat(BodyExcerpt.of(body, 300)).hasSize(300).matches("x+");
        assertThat(body.read).isLessThanOrEqualTo(1200);
    }

    @Test
    void aShortBodyIsReturnedWholeAndMultiByteCharactersStayWhole() throws IOException {
        assertThat(BodyExcerpt.of(stream("{\"error\":\"event 7 rejected\"}"), 300)).isEqualTo("{\"error\":\"event 7 rejected\"}");
        assertThat(BodyExcerpt.of(stream("€€€€€"), 3)).isEqualTo("€€€");
        assertThat(BodyExcerpt.of(stream(""), 300)).isEmpty();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body that never ends (a misbehaving proxy streaming forever): reading it whole never returns. */
    private static final class CountingEndlessBody extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }
    }
}
