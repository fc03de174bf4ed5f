package io.engagement.query.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.engagement.contracts.LiveWindowConfig;

/** A {@code window} query parameter like 30s, 5m or 10m, checked against the bucket grid. */
record WindowParameter(String label, int buckets) {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([sm])");

    static WindowParameter parse(String value, LiveWindowConfig grid) {
        int bucketSeconds = grid.bucketSeconds();
        int maxSeconds = bucketSeconds * grid.buckets();
        String allowed = "a duration like 30s or 5m, a multiple of " + bucketSeconds + "s between " + bucketSeconds
                + "s and " + maxSeconds + "s";
        Matcher matcher = FORM.matcher(value == null ? "" : value.trim());
        if (!matcher.matches()) {
            throw new InvalidRequestException("window", "'" + value + "' is not " + allowed);
        }
        int seconds = Integer.parseInt(matcher.group(1)) * ("m".equals(matcher.group(2)) ? 60 : 1);
        if (seconds % bucketSeconds != 0 || seconds < bucketSeconds || seconds > maxSeconds) {
            throw new InvalidRequestException("window", "'" + value + "' must be " + allowed);
        }
        return new WindowParameter(value.trim(), seconds / bucketSeconds);
    }
}
