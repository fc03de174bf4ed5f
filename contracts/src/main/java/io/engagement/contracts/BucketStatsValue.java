package io.engagement.contracts;

import java.math.BigDecimal;

/**
 * One content item's totals in one bucket as stored in the {@link RedisKeys#stats(long)} hash: a compact
 * space-separated value, cheap to write at tens of thousands of updates per second.
 */
public record BucketStatsValue(BigDecimal engagementSeconds, long events, long plays, long pauses, long finishes,
        long clicks, long maxSourceTsMs) {

    public static BucketStatsValue of(ContentBucketTotals totals) {
        return new BucketStatsValue(totals.engagementSeconds(), totals.events(), totals.plays(), totals.pauses(),
                totals.finishes(), totals.clicks(), totals.maxSourceTsMs());
    }

    public String encode() {
        return engagementSeconds.toPlainString() + ' ' + events + ' ' + plays + ' ' + pauses + ' ' + finishes + ' '
                + clicks + ' ' + maxSourceTsMs;
    }

    public static BucketStatsValue decode(String value) {
        String[] f = value.split(" ");
        if (f.length != 7) {
            throw new IllegalArgumentException("not a bucket stats value: " + value);
        }
        return new BucketStatsValue(new BigDecimal(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
    }
}
