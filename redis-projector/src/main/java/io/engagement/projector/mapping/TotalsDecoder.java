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
    /** Totals are sums of durations of at most a day each with 3 decimals: 15 integer digits is far beyond any. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_SCALE = 3;

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
        if (totals == null) {
            throw new InvalidTotalsException(INVALID, "value is JSON null", null);
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
        // A number like 1e999999999 is a few bytes of JSON and gigabytes once written out in full for Redis.
        if (totals.engagementSeconds().precision() - totals.engagementSeconds().scale() > MAX_INTEGER_DIGITS
                || totals.engagementSeconds().scale() > MAX_SCALE) {
            throw new InvalidTotalsException(INVALID, "engagement_seconds is out of range (at most " + MAX_INTEGER_DIGITS
                    + " integer digits and " + MAX_SCALE + " decimals)", null);
        }
        return totals;
    }
}
