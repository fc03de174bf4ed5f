package io.engagement.processor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every knob of the topology but the window grid (contracts' LiveWindowConfig, shared with redis-projector and
 * query-api); each key can be set by its environment variable (PIPELINE_HOLD_MAX_EVENTS, ...).
 */
@ConfigMapping(prefix = "pipeline")
public interface PipelineConfig {

    Topics topics();

    Hold hold();

    Dedupe dedupe();

    Validation validation();

    interface Topics {
        @WithDefault(io.engagement.contracts.Topics.CONTENT_CDC)
        String content();

        @WithDefault(io.engagement.contracts.Topics.EVENTS_CDC)
        String events();

        @WithDefault(io.engagement.contracts.Topics.ENRICHED)
        String enriched();

        @WithDefault(io.engagement.contracts.Topics.BY_CONTENT_10S)
        String totals();

        @WithDefault(io.engagement.contracts.Topics.DLQ)
        String dlq();
    }

    interface Hold {
        /** Per task (one task per partition); beyond it an event goes to the DLQ (hold-overflow) instead of memory. */
        @WithDefault("100000")
        int maxEvents();

        @WithDefault("60")
        int timeoutSeconds();

        /** How often (wall clock) the held events are checked for the timeout. */
        @WithDefault("1S")
        Duration checkInterval();
    }

    interface Dedupe {
        /** How long an event id is remembered; must cover window + grace + allowed future skew. */
        @WithDefault("1200")
        int retentionSeconds();
    }

    interface Validation {
        /** event_ts further ahead of the processor's clock than this is rejected (event-ts-out-of-range). */
        @WithDefault("300")
        int maxFutureSkewSeconds();

        /** event_ts older than this is rejected (event-ts-out-of-range); backfills of real history are younger. */
        @WithDefault("3650")
        int maxAgeDays();

        /** Longer durations are rejected (absurd-duration). */
        @WithDefault("86400")
        int maxDurationSeconds();

        /**
         * An event row (its after image as JSON) larger than this is rejected (too-large): its enriched record, this
         * plus the content's fields, must stay under engagements.enriched's max.message.bytes (1 MiB), or the broker
         * refuses it after its totals were already counted.
         */
        @WithDefault("524288")
        int maxEventBytes();

        /** A content row larger than this is rejected (too-large): its fields travel in every enriched event. */
        @WithDefault("65536")
        int maxContentBytes();
    }
}
