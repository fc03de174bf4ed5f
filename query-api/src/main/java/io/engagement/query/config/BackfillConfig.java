package io.engagement.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds of {@code POST /admin/backfill}: every re-read row travels the whole live path again, so a request is
 * refused when its range holds more events than this. Env: PIPELINE_BACKFILL_MAX_ROWS.
 */
@ConfigMapping(prefix = "pipeline.backfill")
public interface BackfillConfig {

    /** Most engagement_events rows one backfill may re-read (about 25 minutes at the measured re-read rate). */
    @WithDefault("10000000")
    long maxRows();
}
