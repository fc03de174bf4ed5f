package io.engagement.loader.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What to do with a row the server refuses without an error code (18.16 sends none): it is dead-lettered only once
 * proven bad — it failed again after the server accepted other rows — or after retrying it alone for give-up-after.
 * Env: LOADER_SUSPECT_RETRIES, LOADER_SUSPECT_GIVE_UP_AFTER.
 */
@ConfigMapping(prefix = "loader.suspect")
public interface SuspectRowsConfig {

    /** Retries of a lone suspect row per round, with exponential backoff from 200 ms. */
    @WithDefault("2")
    int retries();

    @WithDefault("10m")
    Duration giveUpAfter();
}
