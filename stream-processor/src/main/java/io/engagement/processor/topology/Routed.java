package io.engagement.processor.topology;

/** What a processor step produced for one record: a value for the next step, or a dead letter. */
public sealed interface Routed<T> {

    record Ok<T>(T value) implements Routed<T> {
    }

    record Dead<T>(DeadLetter letter) implements Routed<T> {
    }

    static <T> Routed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Routed<T> dead(DeadLetter letter) {
        return new Dead<>(letter);
    }
}
