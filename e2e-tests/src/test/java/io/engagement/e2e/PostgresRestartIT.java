package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The source database restarted as a user would, with the launcher, under steady traffic: it shuts down cleanly
 * (not killed into crash recovery), the simulator, Debezium and every stage resume by themselves, and every event
 * written before, during and after reaches ClickHouse and the webhook receiver exactly once.
 */
class PostgresRestartIT {
    private static final Path LOG = Fleet.logFile("postgres");

    @Test
    void aPostgresRestartedWithTheLauncherUnderTrafficStopsCleanlyAndLosesNothing() throws Exception {
        Fleet.start();
        Stack.setRate(0);
        long baseline = GroundTruth.maxEventId();
        Stack.setRate(200);
        Sinks.awaitRowsAfter(baseline, 1_000);

        long beforeStop = Files.size(LOG);
        Fleet.pipeline("stop", "postgres");
        String shutdown = logSince(beforeStop);
        // A smart shutdown waits for the services' connections forever; the launcher then kills it after 30 s.
        assertTrue(shutdown.contains("database system is shut down"), "clean shutdown in the log:\n" + shutdown);

        long beforeStart = Files.size(LOG);
        Fleet.pipeline("start", "postgres");
        long restarted = GroundTruth.maxEventId();
        Sinks.awaitRowsAfter(restarted, 1_000);
        Stack.setRate(0);
        String startup = logSince(beforeStart);
        assertFalse(startup.contains("automatic recovery"), "no crash recovery on restart:\n" + startup);

        long upper = GroundTruth.maxEventId();
        Set<Long> expected = GroundTruth.validEvents(baseline, upper).keySet();
        Sinks.awaitCaughtUp(expected, baseline, upper);
        assertEquals(expected, Sinks.clickhouseIds(baseline, upper), "ClickHouse holds exactly the valid events");
        assertEquals(expected.size(), Stack.clickhouseLong("SELECT count() FROM " + Stack.CLICKHOUSE_LIVE
                + " AND event_id > " + baseline + " AND event_id <= " + upper), "each once in ClickHouse");
        assertEquals(expected, Sinks.receivedIds(baseline, upper), "the receiver holds exactly the valid events");
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
            file.seek(offset);
            byte[] tail = new byte[(int) (file.length() - offset)];
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
    }
}
