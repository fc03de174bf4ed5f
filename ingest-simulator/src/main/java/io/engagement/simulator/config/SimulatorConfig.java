package io.engagement.simulator.config;

import io.smallrye.config.ConfigMapping;

/** Traffic settings; each key has an environment variable (simulator.rate → SIMULATOR_RATE). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    /** Content rows the catalogue is topped up to at start. */
    int catalogueSize();

    /** Events per second at start. */
    int rate();

    /** Upper bound accepted by PUT /simulator/rate. */
    int maxRate();

    /** Upper bound accepted by POST /simulator/burst. */
    int maxBurst();

    /** Rows per INSERT statement (one transaction each). */
    int batchSize();

    /** How often the traffic loop wakes up to insert what the rate owes. */
    int tickMs();

    /** INSERTs allowed in flight at once; beyond that the loop falls behind and the achieved rate shows it. */
    int maxInFlight();

    double zipfExponent();

    long seed();
}
