package io.engagement.query.clickhouse;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One analytics query from the request that asks for it until ClickHouse has answered, under a query_id of its own so
 * that it can be killed on the server. Whoever moves it first wins: a query cancelled before it was sent is never
 * sent, one cancelled while it runs has to be killed.
 */
final class InFlightQuery {
    enum State { WAITING, RUNNING, CANCELLED }

    private final String id = "analytics-" + UUID.randomUUID();
    private final String sql;
    private final long askedAtNanos = System.nanoTime();
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private final CountDownLatch answered = new CountDownLatch(1);

    InFlightQuery(String sql) {
        this.sql = sql;
    }

    String id() {
        return id;
    }

    String sql() {
        return sql;
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - askedAtNanos);
    }

    /** False when the query was cancelled before it could be sent. */
    boolean start() {
        return state.compareAndSet(State.WAITING, State.RUNNING);
    }

    /** The state the query was in when cancelled: RUNNING means it has to be killed on the server. */
    State cancel() {
        return state.getAndSet(State.CANCELLED);
    }

    boolean cancelled() {
        return state.get() == State.CANCELLED;
    }

    /** ClickHouse has answered, with rows or an error. */
    void answered() {
        answered.countDown();
    }

    boolean awaitAnswer(Duration timeout) throws InterruptedException {
        return answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
