package io.engagement.receiver.service;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

/** The faults currently armed, consumed request by request. Synchronized: requests arrive on several event loops. */
@ApplicationScoped
public class FaultPlan {

    /** What to do with one incoming batch. */
    public enum Action { RESET, FAIL_500, REFUSE, THROTTLE_429, FAIL_EVENT_500, REJECT_400, ACCEPT }

    private long fail500UntilMs;
    private int throttleLeft;
    private int retryAfterSeconds = 1;
    private int slowMs;
    private int slowLeft;
    private int resetLeft;
    private Long rejectEventId;
    private Long failEventId;
    private int refuseStatus;
    private long refuseUntilMs;

    public synchronized void arm(Faults faults) {
        clear();
        if (faults.fail500Seconds() != null) {
            fail500UntilMs = System.currentTimeMillis() + faults.fail500Seconds() * 1000L;
        }
        if (faults.throttleRequests() != null) {
            throttleLeft = faults.throttleRequests();
        }
        if (faults.retryAfterSeconds() != null) {
            retryAfterSeconds = faults.retryAfterSeconds();
        }
        if (faults.slowMs() != null) {
            slowMs = faults.slowMs();
            slowLeft = faults.slowRequests() == null ? Integer.MAX_VALUE : faults.slowRequests();
        }
        if (faults.resetRequests() != null) {
            resetLeft = faults.resetRequests();
        }
        rejectEventId = faults.rejectEventId();
        failEventId = faults.failEventId();
        if (faults.refuseStatus() != null) {
            refuseStatus = faults.refuseStatus();
            refuseUntilMs = System.currentTimeMillis()
                    + (faults.refuseSeconds() == null ? 60 : faults.refuseSeconds()) * 1000L;
        }
    }

    public synchronized void clear() {
        fail500UntilMs = 0;
        throttleLeft = 0;
        retryAfterSeconds = 1;
        slowMs = 0;
        slowLeft = 0;
        resetLeft = 0;
        rejectEventId = null;
        failEventId = null;
        refuseStatus = 0;
        refuseUntilMs = 0;
    }

    /** Milliseconds to hold the next response, consuming one slow request. */
    public synchronized int takeDelayMs() {
        if (slowMs > 0 && slowLeft > 0) {
            slowLeft--;
            return slowMs;
        }
        return 0;
    }

    public synchronized boolean takeReset() {
        if (resetLeft > 0) {
            resetLeft--;
            return true;
        }
        return false;
    }

    /** Decides the answer for a correctly signed batch with these event ids. */
    public synchronized Action decide(Collection<Long> eventIds) {
        if (System.currentTimeMillis() < fail500UntilMs) {
            return Action.FAIL_500;
        }
        if (refuseStatus != 0 && System.currentTimeMillis() < refuseUntilMs) {
            return Action.REFUSE;
        }
        if (throttleLeft > 0) {
            throttleLeft--;
            return Action.THROTTLE_429;
        }
        if (failEventId != null && eventIds.contains(failEventId)) {
            return Action.FAIL_EVENT_500;
        }
        if (rejectEventId != null && eventIds.contains(rejectEventId)) {
            return Action.REJECT_400;
        }
        return Action.ACCEPT;
    }

    public synchronized int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public synchronized int refuseStatus() {
        return refuseStatus;
    }

    public synchronized Long failEventId() {
        return failEventId;
    }

    public synchronized Long rejectEventId() {
        return rejectEventId;
    }

    public synchronized Faults current() {
        long fail500Left = Math.max(0, fail500UntilMs - System.currentTimeMillis());
        long refuseLeftMs = refuseStatus == 0 ? 0 : Math.max(0, refuseUntilMs - System.currentTimeMillis());
        return new Faults(
                fail500Left == 0 ? null : (int) Math.ceil(fail500Left / 1000.0),
                throttleLeft == 0 ? null : throttleLeft,
                retryAfterSeconds,
                slowMs == 0 ? null : slowMs,
                slowMs == 0 ? null : slowLeft,
                resetLeft == 0 ? null : resetLeft,
                rejectEventId,
                failEventId,
                refuseLeftMs == 0 ? null : refuseStatus,
                refuseLeftMs == 0 ? null : (int) Math.ceil(refuseLeftMs / 1000.0));
    }
}
