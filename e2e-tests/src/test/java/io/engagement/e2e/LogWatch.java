package io.engagement.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lines the launcher's parts log from now on ($PIPELINE_HOME/logs/PART.log), for tests that assert a part
 * stayed healthy: a pattern that must not appear while the test ran.
 */
final class LogWatch {
    /** Kafka Streams: a thread lost its tasks (transaction aborted by timeout, or dropped from the group). */
    static final Pattern FENCED = Pattern.compile("Detected that the thread is being fenced|ProducerFencedException"
            + "|InvalidProducerEpochException");
    /** Broker: transactions-v2 sequence check rejecting a pipelined batch (KAFKA-18202). */
    static final Pattern OUT_OF_ORDER = Pattern.compile("OutOfOrderSequenceException|OUT_OF_ORDER_SEQUENCE_NUMBER");

    private final Map<Path, Long> offsets = new LinkedHashMap<>();

    private LogWatch() {
    }

    /** Starts watching the logs of these parts (instances of a scaled service are PART#i). */
    static LogWatch from(String... parts) {
        LogWatch watch = new LogWatch();
        for (String part : parts) {
            Path log = Fleet.logFile(part);
            watch.offsets.put(log, Files.exists(log) ? log.toFile().length() : 0L);
        }
        return watch;
    }

    /** Lines matching {@code pattern} written since {@link #from}, prefixed with the log's name. */
    List<String> matches(Pattern pattern) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Path, Long> entry : offsets.entrySet()) {
            Path log = entry.getKey();
            if (!Files.exists(log)) {
                continue;
            }
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long start = Math.min(entry.getValue(), file.length());
                byte[] tail = new byte[(int) (file.length() - start)];
                file.seek(start);
                file.readFully(tail);
                new String(tail, StandardCharsets.UTF_8).lines().filter(line -> pattern.matcher(line).find())
                        .forEach(line -> found.add(log.getFileName() + ": " + line));
            }
        }
        return found;
    }
}
