package io.engagement.projector.mapping;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;

import io.engagement.contracts.ContentBucketTotals;
import io.engagement.contracts.JsonSerdes;

/**
 * Decodes records here rather than in a Kafka deserializer so the original bytes are still at hand for the DLQ.
 */
@ApplicationScoped
public class TotalsDecoder {
    public static final String UNDECODABLE = "undecodable";
    public static final String INVALID = "invalid-totals";

    public ContentBucketTotals decode(byte[] value) {
        if (value == null) {
            throw new InvalidTotalsException(UNDECODABLE, "record has no value", null);
        }
        ContentBucketTotals totals;
        try {
            totals = JsonSerdes.mapper().readValue(value, ContentBucketTotals.class);
        } catch (JsonProcessingException e) {
            throw new InvalidTotalsException(UNDECODABLE, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidTotalsException(UNDECODABLE, e.getMessage(), e);
        }
        if (totals.contentId() == null) {
            throw new InvalidTotalsException(INVALID, "content_id missing", null);
        }
        if (totals.bucketStartMs() <= 0) {
            throw new InvalidTotalsException(INVALID, "bucket_start_ms missing or not positive", null);
        }
        if (totals.engagementSeconds() == null || totals.engagementSeconds().compareTo(BigDecimal.ZERO) < 0
                || totals.events() < 0) {
            throw new InvalidTotalsException(INVALID, "engagement_seconds or events missing or negative", null);
        }
        return totals;
    }
}
