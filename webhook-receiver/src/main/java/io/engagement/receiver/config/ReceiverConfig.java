package io.engagement.receiver.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the reference receiver; each key is also an environment variable (RECEIVER_MAX_RECORDED_EVENTS...). */
@ConfigMapping(prefix = "receiver")
public interface ReceiverConfig {

    /** Shared HMAC secret the sender signs bodies with (env WEBHOOK_SECRET). */
    String secret();

    /** How far a signature's timestamp may be from this receiver's clock; older requests are replays and get 401. */
    @WithDefault("300s")
    Duration signatureTolerance();

    /**
     * Directory of the durable per-event dedupe (the newest version applied per event id, on disk, never forgotten):
     * "exactly once in effect" rests on it, so it must outlive a restart and any count of events.
     */
    @WithDefault("${java.io.tmpdir}/webhook-receiver-${quarkus.http.port}")
    String ledgerDir();

    /**
     * The oldest recorded events (kept whole, for GET /received/events) are forgotten beyond this many, so a long
     * demo cannot exhaust the heap; their dedupe is not.
     */
    @WithDefault("500000")
    int maxRecordedEvents();

    /** Idempotency keys remembered for batch-level dedupe. */
    @WithDefault("100000")
    int maxRememberedKeys();
}
