package io.engagement.bench;

import java.util.Map;
import java.util.TreeMap;

/** Prometheus' histogram_quantile over the difference of two scrapes of cumulative buckets. */
final class HistogramQuantile {
    private HistogramQuantile() {
    }

    static TreeMap<Double, Double> delta(TreeMap<Double, Double> now, TreeMap<Double, Double> before) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        now.forEach((le, count) -> delta.put(le, count - before.getOrDefault(le, 0.0)));
        return delta;
    }

    static double count(TreeMap<Double, Double> buckets) {
        return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }

    /** The q-quantile (0..1) in the buckets' unit, interpolated linearly inside its bucket; NaN without samples. */
    static double quantile(double q, TreeMap<Double, Double> buckets) {
        double total = count(buckets);
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
