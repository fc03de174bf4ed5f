package io.engagement.processor.topology;

import java.time.Duration;

import io.engagement.contracts.LiveWindowConfig;
import io.engagement.processor.config.PipelineConfig;

/** The topology's settings as plain values, so tests can build a topology without a running application. */
public record TopologySettings(
        String contentTopic,
        String eventsTopic,
        String enrichedTopic,
        String totalsTopic,
        String dlqTopic,
        Duration bucket,
        int windowBuckets,
        Duration grace,
        int holdMaxEvents,
        Duration holdTimeout,
        Duration holdCheckInterval,
        Duration dedupeRetention,
        Duration maxFutureSkew,
        Duration maxAge,
        Duration maxDuration,
        int maxEventBytes,
        int maxContentBytes) {

    public TopologySettings {
        Duration needed = bucket.multipliedBy(windowBuckets).plus(grace).plus(maxFutureSkew);
        if (dedupeRetention.compareTo(needed) < 0) {
            // Shorter would let a replay within the window count twice.
            throw new IllegalArgumentException("dedupe retention " + dedupeRetention + " must be >= window + grace + "
                    + "max future skew = " + needed);
        }
    }

    public static TopologySettings from(PipelineConfig config, LiveWindowConfig window) {
        PipelineConfig.Topics topics = config.topics();
        return new TopologySettings(topics.content(), topics.events(), topics.enriched(), topics.totals(),
                topics.dlq(),
                Duration.ofSeconds(window.bucketSeconds()), window.buckets(), Duration.ofSeconds(window.graceSeconds()),
                config.hold().maxEvents(), Duration.ofSeconds(config.hold().timeoutSeconds()),
                config.hold().checkInterval(),
                Duration.ofSeconds(config.dedupe().retentionSeconds()),
                Duration.ofSeconds(config.validation().maxFutureSkewSeconds()),
                Duration.ofDays(config.validation().maxAgeDays()),
                Duration.ofSeconds(config.validation().maxDurationSeconds()),
                config.validation().maxEventBytes(), config.validation().maxContentBytes());
    }

    /** The live window: {@code windowBuckets} buckets. */
    public Duration window() {
        return bucket.multipliedBy(windowBuckets);
    }

    /** Events older than this (relative to now) no longer change any total. */
    public Duration totalsHorizon() {
        return window().plus(grace);
    }
}
