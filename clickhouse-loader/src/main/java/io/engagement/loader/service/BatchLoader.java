package io.engagement.loader.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.loader.config.SuspectRowsConfig;
import io.engagement.loader.mapping.EngagementRow;
import io.engagement.loader.mapping.EnrichedEventDecoder;
import io.engagement.loader.mapping.EnrichedEventDecoder.UndecodableException;
import io.engagement.loader.messaging.DeadLetterPublisher;
import io.engagement.loader.metrics.LoaderMetrics;
import io.engagement.loader.sink.ClickHouseSink;
import io.engagement.loader.sink.RowsRejectedException;
import io.engagement.loader.sink.UnexplainedFailureException;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Loads one consumed batch: undecodable records and rows ClickHouse refuses go to the DLQ, everything else is
 * written. Returns only when every record is either acknowledged by ClickHouse or by the DLQ topic, so the caller may
 * then commit the batch's offsets.
 */
@ApplicationScoped
public class BatchLoader {
    static final String REASON_REJECTED = "clickhouse-rejected";
    private static final Logger LOG = Logger.getLogger(BatchLoader.class);

    private final ClickHouseSink sink;
    private final DeadLetterPublisher deadLetters;
    private final LoaderMetrics metrics;
    private final SuspectRowsConfig suspects;
    private final Guard suspectRetry;

    BatchLoader(ClickHouseSink sink, DeadLetterPublisher deadLetters, LoaderMetrics metrics, SuspectRowsConfig suspects) {
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.suspects = suspects;
        this.suspectRetry = Guard.create()
                .withDescription("suspect row")
                .withRetry()
                    .retryOn(UnexplainedFailureException.class)
                    .maxRetries(suspects.retries())
                    .delay(200, ChronoUnit.MILLIS)
                    .withExponentialBackoff().factor(2).maxDelay(10, ChronoUnit.SECONDS).done()
                    .done()
                .build();
    }

    private record Pending(ConsumerRecord<String, byte[]> source, long sourceTsMs, byte[] json) {
    }

    /** A lone row the server refused without an error code, first at {@code sinceNanos}. */
    private record Suspect(Pending row, long sinceNanos, String failure) {
    }

    public void load(List<ConsumerRecord<String, byte[]>> records) {
        metrics.consumed(records.size());
        List<Pending> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EnrichedEvent event = EnrichedEventDecoder.decode(record.value());
                rows.add(new Pending(record, event.sourceTsMs(), JsonSerdes.mapper().writeValueAsBytes(EngagementRow.of(event))));
            } catch (UndecodableException e) {
                deadLetters.publish(record, e.reason(), e.getMessage(), e.getCause() == null ? e : e.getCause());
            } catch (JsonProcessingException e) {
                deadLetters.publish(record, "invalid-record", e.getOriginalMessage(), e);
            }
        }
        if (!rows.isEmpty()) {
            List<Suspect> found = new ArrayList<>();
            write(rows, found);
            // Settled after the rest of the batch was written: what the server accepted meanwhile is the proof that
            // it takes inserts and a suspect fails on its own.
            found.forEach(this::settle);
        }
    }

    /** Bisects a refused batch: log2(n) extra inserts per poison row, and every good row still lands. */
    private void write(List<Pending> rows, List<Suspect> found) {
        long start = System.nanoTime();
        try {
            sink.insert(rows.stream().map(Pending::json).toList());
            written(rows);
        } catch (RowsRejectedException | UnexplainedFailureException e) {
            if (rows.size() > 1) {
                int half = rows.size() / 2;
                write(rows.subList(0, half), found);
                write(rows.subList(half, rows.size()), found);
            } else if (e instanceof RowsRejectedException rejected) {
                deadLetter(rows.get(0), rejected.getMessage(), rejected.rejection());
            } else {
                found.add(new Suspect(rows.get(0), start, e.getMessage()));
            }
        }
    }

    /**
     * Retries a suspect alone until it is written, or proven bad — refused again after the server accepted other
     * rows — or retried for give-up-after (the server refuses everything, or there was nothing else to write).
     */
    private void settle(Suspect suspect) {
        long settlingSince = System.nanoTime();
        while (true) {
            try {
                suspectRetry.call(() -> {
                    sink.insert(List.of(suspect.row().json()));
                    return null;
                }, Void.class);
                written(List.of(suspect.row()));
                return;
            } catch (RowsRejectedException e) {
                deadLetter(suspect.row(), e.getMessage(), e.rejection());
                return;
            } catch (UnexplainedFailureException e) {
                Duration settling = Duration.ofNanos(System.nanoTime() - settlingSince);
                String proof = sink.acceptedSince(suspect.sinceNanos()) ? "while the server accepted other rows"
                        : settling.compareTo(suspects.giveUpAfter()) >= 0
                                ? "for " + suspects.giveUpAfter() + " (loader.suspect.give-up-after)" : null;
                if (proof != null) {
                    deadLetter(suspect.row(), e.getMessage() + ", " + proof, e);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling a suspect row", e);
            } catch (Exception e) {
                throw new IllegalStateException("settling a suspect row failed", e);
            }
        }
    }

    private void deadLetter(Pending row, String detail, Throwable cause) {
        LOG.warnf("Dead-lettering row at %s-%d@%d: %s; row: %s", row.source().topic(), row.source().partition(),
                row.source().offset(), detail, new String(row.json(), StandardCharsets.UTF_8));
        deadLetters.publish(row.source(), REASON_REJECTED, detail, cause);
    }

    private void written(List<Pending> rows) {
        long now = System.currentTimeMillis();
        metrics.written(rows.size());
        for (Pending row : rows) {
            metrics.visible(row.sourceTsMs(), now);
        }
    }
}
