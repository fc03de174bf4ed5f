package io.engagement.forwarder.service;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.engagement.contracts.CdcOp;
import io.engagement.contracts.EnrichedEvent;
import io.engagement.contracts.EnrichedEventRules;
import io.engagement.contracts.JsonSerdes;
import io.engagement.forwarder.config.ForwarderConfig;
import io.engagement.forwarder.metrics.ForwarderMetrics;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes engagements.enriched one polled batch at a time, sends it as one webhook batch per partition and offset
 * window, and acknowledges it only after every event in it was delivered, dead-lettered or deliberately skipped.
 * Processing is sequential on a worker thread, so while the webhook is down the connector's bounded queue fills and
 * it pauses the partitions: backpressure, not buffering.
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
            List<Suspect> suspects = new ArrayList<>();
            for (List<PendingEvent> window : OffsetWindows.cut(pending, config.batch().maxEvents())) {
                deliver(window, suspects);
            }
            // Settled after the rest of the poll went out: what the receiver accepted meanwhile is the proof that
            // it works and a suspect is failing on its own. Safe to reorder: the receiver keeps each event's newest version.
            suspects.forEach(this::settle);
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
            // A JSON null or an event the sinks cannot hold decodes, but is no event a receiver could apply; one
            // without op, or with a number too long to write, would fail its whole batch and stop the channel; one
            // of a type the source does not know would be an event ClickHouse refuses.
            String violation = event == null ? "value is JSON null" : EnrichedEventRules.violation(event);
            if (violation != null) {
                deadLetters.send(record, DeadLetters.INVALID, violation, null);
                return null;
            }
            return event;
        } catch (IOException e) {
            deadLetters.send(record, DeadLetters.UNDECODABLE, e.getMessage(), e);
            return null;
        }
    }

    /**
     * A rejected or failing batch is halved until the events the receiver refuses are alone: a rejected one goes to
     * the DLQ at once, a failing one becomes a suspect, settled once the rest of the poll was sent.
     */
    private void deliver(List<PendingEvent> events, List<Suspect> suspects) {
        long start = System.nanoTime();
        DeliveryOutcome outcome = delivery.deliver(composer.compose(events));
        if (outcome instanceof DeliveryOutcome.Delivered) {
            delivered(events, start);
        } else if (events.size() > 1) {
            int half = events.size() / 2;
            deliver(events.subList(0, half), suspects);
            deliver(events.subList(half, events.size()), suspects);
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            rejected(events.get(0), rejected);
        } else {
            suspects.add(new Suspect(events.get(0), start));
        }
    }

    /**
     * Retries a lone failing event until it is delivered, or proven bad — it failed again after the receiver had
     * accepted other events — or has been retried for give-up-after on its own (an outage, or nothing else to send).
     */
    private void settle(Suspect suspect) {
        Duration giveUpAfter = config.retry().giveUpAfter();
        long settlingSince = System.nanoTime();
        while (true) {
            long start = System.nanoTime();
            DeliveryOutcome outcome = delivery.deliver(composer.compose(List.of(suspect.event())));
            if (outcome instanceof DeliveryOutcome.Delivered) {
                delivered(List.of(suspect.event()), start);
                return;
            }
            if (outcome instanceof DeliveryOutcome.Rejected rejected) {
                rejected(suspect.event(), rejected);
                return;
            }
            String failing = ((DeliveryOutcome.Failing) outcome).describe();
            String proof = delivery.deliveredSince(suspect.sinceNanos()) ? "while the receiver accepted other events"
                    : Duration.ofNanos(System.nanoTime() - settlingSince).compareTo(giveUpAfter) >= 0
                            ? "for " + giveUpAfter + " (forwarder.retry.give-up-after)" : null;
            if (proof != null) {
                LOG.warnf("webhook kept failing event %d (%s) %s: dead-lettered", suspect.event().event().eventId(),
                        failing, proof);
                deadLetters.send(suspect.event().record(), DeadLetters.EXHAUSTED, failing + ", " + proof, null);
                return;
            }
        }
    }

    private void delivered(List<PendingEvent> events, long startNanos) {
        metrics.delivered(events.stream().mapToLong(p -> p.event().sourceTsMs()).toArray(), System.nanoTime() - startNanos);
    }

    private void rejected(PendingEvent event, DeliveryOutcome.Rejected rejected) {
        LOG.warnf("webhook rejected event %d with HTTP %d", event.event().eventId(), rejected.status());
        deadLetters.send(event.record(), DeadLetters.REJECTED, "HTTP " + rejected.status() + ": " + rejected.bodyExcerpt(),
                null);
    }

    /** A lone event the receiver kept answering an event-error status for, since {@code sinceNanos}. */
    private record Suspect(PendingEvent event, long sinceNanos) {
    }
}
