package io.engagement.forwarder.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The start of a response body, read without reading the rest: a receiver (or a proxy in front of it) may answer an
 * error with megabytes, and only an excerpt goes into a log line or a DLQ header.
 */
public final class BodyExcerpt {
    private BodyExcerpt() {
    }

    /** At most {@code chars} characters of UTF-8 from {@code body}, reading at most 4 bytes per character. */
    public static String of(InputStream body, int chars) throws IOException {
        byte[] head = body.readNBytes(chars * 4);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(chars);
        // A character cut at the end of the bytes read is left out, not replaced.
        decoder.decode(ByteBuffer.wrap(head), out, false);
        return out.flip().toString();
    }
}
