package io.engagement.forwarder.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a poll's events into webhook batches on fixed boundaries of each partition's offsets: a batch holds the
 * events of one partition whose offsets fall in one window [k × max, (k + 1) × max). Where a poll begins or ends
 * does not move the boundaries, so a window that arrives whole — in this poll or in a redelivery after a restart —
 * is always the same batch under the same Idempotency-Key. The window at a poll's end may be cut short (live
 * traffic arrives a few events at a time, a backlog poll ends where max.poll.records ends); it still goes out with
 * its poll rather than waiting for the rest, so after a restart the same events may come in a batch with a different
 * key, and only the receiver's per-event dedupe (event id, version) makes that harmless.
 * <p>
 * Boundaries come from offsets, not counts: read_committed consumers never see transaction markers and skipped
 * records leave gaps, so a window may hold fewer than max events, never more.
 */
final class OffsetWindows {
    private OffsetWindows() {
    }

    /** The batches, in the poll's order within each partition (so per-partition order is kept). */
    static List<List<PendingEvent>> cut(List<PendingEvent> pending, int maxEvents) {
        Map<String, List<PendingEvent>> open = new LinkedHashMap<>();
        List<List<PendingEvent>> batches = new ArrayList<>();
        for (PendingEvent event : pending) {
            String partition = event.record().getTopic() + "-" + event.record().getPartition();
            List<PendingEvent> batch = open.get(partition);
            if (batch == null || batch.get(0).offset() / maxEvents != event.offset() / maxEvents) {
                batch = new ArrayList<>();
                open.put(partition, batch);
                batches.add(batch);
            }
            batch.add(event);
        }
        return batches;
    }
}
