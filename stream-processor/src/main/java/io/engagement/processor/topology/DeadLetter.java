package io.engagement.processor.topology;

import io.engagement.processor.mapping.Rejection;

/** A record on its way to the DLQ: the original bytes, where they came from, and why they were rejected. */
public record DeadLetter(byte[] key, byte[] value, String reason, String detail, String exceptionClass,
        SourcePosition source) {

    public static DeadLetter of(byte[] key, byte[] value, Rejection rejection, SourcePosition source) {
        return new DeadLetter(key, value, rejection.reason(), rejection.getMessage(), rejection.exceptionClass(),
                source);
    }
}
