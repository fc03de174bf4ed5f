package io.engagement.projector.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.engagement.projector.mapping.InvalidTotalsException;
import io.engagement.projector.mapping.TotalsDecoder;
import io.engagement.projector.metrics.ProjectorMetrics;
import io.engagement.projector.service.BucketTotalsWriter;
import io.engagement.projector.service.PositionedTotals;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * One Kafka poll = one Redis pipeline. The batch is acknowledged (and its offsets become committable) only after
 * Redis acknowledged the write and the broker acknowledged any dead letters.
 */
@ApplicationScoped
public class TotalsConsumer {
    private final TotalsDecoder decoder;
    private final BucketTotalsWriter writer;
    private final DeadLetters deadLetters;
    private final ProjectorMetrics metrics;

    public TotalsConsumer(TotalsDecoder decoder, BucketTotalsWriter writer, DeadLetters deadLetters,
            ProjectorMetrics metrics) {
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming("totals")
    public Uni<Void> project(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        metrics.recordsIn(records.size());
        List<PositionedTotals> valid = new ArrayList<>(records.size());
        List<Uni<Void>> refused = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            try {
                valid.add(new PositionedTotals(decoder.decode(record.getPayload()), offset(record)));
            } catch (InvalidTotalsException e) {
                refused.add(deadLetters.send(record, e));
            }
        }
        Uni<Void> deadLettered = refused.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(refused).andFailFast().replaceWithVoid();
        return deadLettered
                .chain(() -> writer.write(valid))
                .chain(written -> Uni.createFrom().completionStage(batch.ack()));
    }

    private static long offset(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElseThrow(() -> new IllegalStateException("a consumed record without its Kafka offset"));
    }
}
