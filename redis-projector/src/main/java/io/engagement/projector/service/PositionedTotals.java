package io.engagement.projector.service;

import io.engagement.contracts.ContentBucketTotals;

/**
 * Totals with the offset of the record that carried them: one content's bucket always travels on one partition, so
 * a higher offset is a newer total, and the writer lets only newer totals replace older ones.
 */
public record PositionedTotals(ContentBucketTotals totals, long offset) {
}
