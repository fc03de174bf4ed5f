package io.engagement.simulator.generator;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s: a few items get most of the attention, as in real catalogues. */
public final class ZipfSampler {
    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n <= 0) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one item");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
    }

    public int sample(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
    }
}
