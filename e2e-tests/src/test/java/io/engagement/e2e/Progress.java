package io.engagement.e2e;

import java.time.Duration;

/**
 * Waits for a count to reach its target with a deadline that follows the measured rate instead of a fixed number of
 * minutes: on a busy machine the pipeline is slower, not stuck, so the wait lasts as long as the count keeps moving
 * and fails once it has not moved for {@link #STALL} (PIPELINE_TEST_STALL_SECONDS, default 120) or the remaining
 * work at the measured rate cannot finish within {@link #CEILING} (PIPELINE_TEST_CEILING_MINUTES, default 20).
 * A poll that throws (a part restarting) counts as no progress; the last error is in the failure message.
 */
final class Progress {
    static final Duration STALL = Duration.ofSeconds(Long.parseLong(Stack.env("PIPELINE_TEST_STALL_SECONDS", "120")));
    static final Duration CEILING = Duration.ofMinutes(Long.parseLong(Stack.env("PIPELINE_TEST_CEILING_MINUTES", "20")));
    private static final Duration POLL = Duration.ofSeconds(1);

    /** How far the awaited work has got. */
    @FunctionalInterface
    interface Count {
        long get() throws Exception;
    }

    /** Whether the awaited work reports itself finished. */
    @FunctionalInterface
    interface Finished {
        boolean get() throws Exception;
    }

    private Progress() {
    }

    /**
     * Whether the work, at the rate measured so far, cannot be done within the ceiling. The rate is only trusted once
     * measured for the stall window: a pipeline warming up (instances joining, a rebalance) starts far below its pace.
     */
    static boolean tooSlow(double elapsedS, long first, long value, long target) {
        if (elapsedS > CEILING.toSeconds()) {
            return true;
        }
        if (elapsedS < STALL.toSeconds()) {
            return false;
        }
        double rate = elapsedS > 0 && first >= 0 ? (value - first) / elapsedS : 0;
        double projected = rate > 0 && target != Long.MAX_VALUE ? elapsedS + (target - value) / rate : 0;
        return projected > 2 * CEILING.toSeconds();
    }

    /** Polls {@code done} until it reaches {@code target}; fails naming what, how far it got and how fast. */
    static void await(String what, long target, Count done) {
        await(what, target, done, () -> false);
    }

    /** As above, also over as soon as {@code finished} says so (a job reporting "done"; target may be MAX_VALUE). */
    static void await(String what, long target, Count done, Finished finished) {
        long start = System.nanoTime();
        long lastMove = start;
        Exception lastError = null;
        long first = -1;
        long value = -1;
        while (true) {
            try {
                long next = done.get();
                if (next > value) {
                    lastMove = System.nanoTime();
                    value = next;
                }
                if (first < 0) {
                    first = value;
                }
                if (value >= target || finished.get()) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            long now = System.nanoTime();
            double elapsed = (now - start) / 1e9;
            double rate = elapsed > 0 && first >= 0 ? (value - first) / elapsed : 0;
            String state = what + ": " + Math.max(value, 0) + (target == Long.MAX_VALUE ? "" : " of " + target)
                    + " after " + (long) elapsed + " s (" + String.format("%.1f", rate) + "/s)"
                    + (lastError == null ? "" : "; last poll failed: " + lastError);
            if (now - lastMove > STALL.toNanos()) {
                throw new AssertionError(state + "; no progress for " + STALL.toSeconds() + " s");
            }
            if (tooSlow(elapsed, first, value, target)) {
                throw new AssertionError(state + "; cannot finish within " + CEILING.toMinutes() + " min at this rate");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted: " + state, e);
            }
        }
    }
}
