package io.engagement.forwarder.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.JsonSerdes;
import io.engagement.forwarder.config.ForwarderConfig;
import io.engagement.forwarder.metrics.ForwarderMetrics;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes engagements.enriched one polled batch at a time and acknowledges it only after every event in it was
 * delivered, dead-lettered or deliberately skipped. Processing is sequential on a worker thread, so while the
 * webhook is down the connector's bounded queue fills and it pauses the partitions: backpressure, not buffering.
 */
@ApplicationScoped
public class EnrichedEventForwarder {
    private static final Logger LOG = Logger.getLogger(EnrichedEventForwarder.class);

    private final WebhookDelivery delivery;
    private final BatchComposer composer;
    private final DeadLetters deadLetters;
    private final ForwarderMetrics metrics;
    private final ForwarderConfig config;

    public EnrichedEventForwarder(WebhookDelivery delivery, BatchComposer composer, DeadLetters deadLetters,
            ForwarderMetrics metrics, ForwarderConfig config) {
        this.delivery = delivery;
        this.composer = composer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
    }

    @Incoming("enriched")
    @Blocking
    public CompletionStage<Void> forward(KafkaRecordBatch<String, byte[]> batch) {
        try {
            List<PendingEvent> pending = new ArrayList<>(batch.getRecords().size());
            for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
                metrics.recordIn();
                EnrichedEvent event = decode(record);
                if (event == null) {
                    continue;
                }
                if (CdcOp.READ.equals(event.op()) && !config.forwardReplays()) {
                    metrics.skippedReplay();
                    continue;
                }
                pending.add(new PendingEvent(record, event));
            }
            int max = config.batch().maxEvents();
            for (int from = 0; from < pending.size(); from += max) {
                deliver(pending.subList(from, Math.min(pending.size(), from + max)));
            }
            return batch.ack();
        } catch (RuntimeException e) {
            // Nothing of this poll is committed: the connector's failure strategy decides, the events are not lost.
            LOG.error("forwarding stopped", e);
            return batch.nack(e);
        }
    }

    private EnrichedEvent decode(KafkaRecord<String, byte[]> record) {
        try {
            if (record.getPayload() == null) {
                throw new IOException("empty record");
            }
            EnrichedEvent event = JsonSerdes.mapper().readValue(record.getPayload(), EnrichedEvent.class);
            // A JSON null or an object without an id decodes, but is no event a receiver could apply.
            if (event == null || event.eventId() <= 0) {
                deadLetters.send(record, DeadLetters.INVALID, event == null ? "value is JSON null"
                        : "event_id is required", null);
                return null;
            }
            return event;
        } catch (IOException e) {
            deadLetters.send(record, DeadLetters.UNDECODABLE, e.getMessage(), e);
            return null;
        }
    }

    /** A rejected batch is halved until the events the receiver refuses are alone; only they go to the DLQ. */
    private void deliver(List<PendingEvent> events) {
        WebhookRequest request = composer.compose(events);
        long start = System.nanoTime();
        DeliveryOutcome outcome = delivery.deliver(request);
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            if (events.size() == 1) {
                PendingEvent only = events.get(0);
                LOG.warnf("webhook rejected event %d with HTTP %d", only.event().eventId(), rejected.status());
                deadLetters.send(only.record(), DeadLetters.REJECTED,
                        "HTTP " + rejected.status() + ": " + rejected.bodyExcerpt(), null);
                return;
            }
            int half = events.size() / 2;
            deliver(events.subList(0, half));
            deliver(events.subList(half, events.size()));
            return;
        }
        metrics.delivered(events.stream().mapToLong(p -> p.event().sourceTsMs()).toArray(), System.nanoTime() - start);
    }
}
