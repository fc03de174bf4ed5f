package io.engagement.query.backfill;

import java.util.UUID;

/** A backfill is still pending or running: one at a time, so two never re-read the same rows side by side. */
public class BackfillConflictException extends RuntimeException {
    private final UUID running;

    public BackfillConflictException(UUID running, String status) {
        super("backfill " + running + " is still " + status + "; follow it at /admin/backfill/" + running
                + " and start the next one when it is done");
        this.running = running;
    }

    public UUID running() {
        return running;
    }
}
