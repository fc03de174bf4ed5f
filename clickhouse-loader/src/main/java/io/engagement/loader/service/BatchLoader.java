package io.engagement.loader.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.loader.mapping.EngagementRow;
import io.engagement.loader.mapping.EnrichedEventDecoder;
import io.engagement.loader.mapping.EnrichedEventDecoder.UndecodableException;
import io.engagement.loader.messaging.DeadLetterPublisher;
import io.engagement.loader.metrics.LoaderMetrics;
import io.engagement.loader.sink.ClickHouseSink;
import io.engagement.loader.sink.RowsRejectedException;

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

    BatchLoader(ClickHouseSink sink, DeadLetterPublisher deadLetters, LoaderMetrics metrics) {
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    private record Pending(ConsumerRecord<String, byte[]> source, long sourceTsMs, byte[] json) {
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
            write(rows);
        }
    }

    /** Bisects a refused batch: log2(n) extra inserts per poison row, and every good row still lands. */
    private void write(List<Pending> rows) {
        try {
            sink.insert(rows.stream().map(Pending::json).toList());
        } catch (RowsRejectedException e) {
            if (rows.size() == 1) {
                LOG.warnf("Dead-lettering row at %s-%d@%d: %s; row: %s", rows.get(0).source().topic(),
                        rows.get(0).source().partition(), rows.get(0).source().offset(), e.getMessage(),
                        new String(rows.get(0).json(), java.nio.charset.StandardCharsets.UTF_8));
                deadLetters.publish(rows.get(0).source(), REASON_REJECTED, e.getMessage(), e.rejection());
                return;
            }
            int half = rows.size() / 2;
            write(rows.subList(0, half));
            write(rows.subList(half, rows.size()));
            return;
        }
        long now = System.currentTimeMillis();
        metrics.written(rows.size());
        for (Pending row : rows) {
            metrics.visible(row.sourceTsMs(), now);
        }
    }
}
