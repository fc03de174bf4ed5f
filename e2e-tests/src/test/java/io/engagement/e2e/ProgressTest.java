package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rate-based deadline of the e2e waits: pure arithmetic, no stack needed. */
class ProgressTest {

    @Test
    void aSlowStartIsNotJudgedBeforeTheRateHasBeenMeasuredForTheStallWindow() {
        // What failed ScaleIT on a busy machine: three processors still rebalancing, 8 of 3000 after 7 s.
        assertFalse(Progress.tooSlow(7, 0, 8, 3_000));
    }

    @Test
    void aRateThatCannotFinishWithinTheCeilingFailsOnceMeasuredLongEnough() {
        double measured = Progress.STALL.toSeconds() + 1;
        assertTrue(Progress.tooSlow(measured, 0, 10, 1_000_000));
        assertFalse(Progress.tooSlow(measured, 0, 2_000, 3_000));
    }

    @Test
    void theCeilingIsAHardLimitWhateverTheRate() {
        assertTrue(Progress.tooSlow(Progress.CEILING.toSeconds() + 1, 0, 2_999, 3_000));
    }
}
