package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The live window per 10 s bucket, as {@code /content/{id}/stats} serves it from Redis and as SQL on PostgreSQL
 * derives it, both as bucket start → "events|seconds".
 */
final class LiveWindow {
    private LiveWindow() {
    }

    static String bucket(long events, BigDecimal seconds) {
        return events + "|" + seconds.stripTrailingZeros().toPlainString();
    }

    /** The buckets of one content that saw events, per GET /content/{id}/stats?window=10m (none when it answers 404). */
    static Map<Instant, String> apiBuckets(UUID content) {
        Map<Instant, String> buckets = new TreeMap<>();
        var response = Stack.send("GET", Stack.QUERY_API + "/content/" + content + "/stats?window=10m", null);
        if (response.statusCode() == 404) {
            return buckets;
        }
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode bucket : Stack.parse(response.body()).path("buckets")) {
            if (bucket.path("events").asLong() > 0) {
                buckets.put(Instant.parse(bucket.path("bucket_start").asText()),
                        bucket(bucket.path("events").asLong(), bucket.path("engagement_seconds").decimalValue()));
            }
        }
        return buckets;
    }

    /** content → its buckets with start in [from, to), from every valid row of PostgreSQL. */
    static Map<UUID, Map<Instant, String>> sqlBuckets(Instant from, Instant to) throws Exception {
        Map<UUID, Map<Instant, String>> buckets = new HashMap<>();
        try (Connection pg = Stack.postgres();
                PreparedStatement query = pg.prepareStatement("SELECT e.content_id,"
                        + " floor(extract(epoch FROM e.event_ts) / 10)::bigint * 10, count(*),"
                        + " coalesce(sum(round(e.duration_ms / 1000.0, 3)), 0) FROM engagement_events e"
                        + " WHERE e.event_ts >= ? AND e.event_ts < ? AND (" + GroundTruth.VALID + ") GROUP BY 1, 2")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    buckets.computeIfAbsent((UUID) rs.getObject(1), c -> new TreeMap<>())
                            .put(Instant.ofEpochSecond(rs.getLong(2)), bucket(rs.getLong(3), rs.getBigDecimal(4)));
                }
            }
        }
        return buckets;
    }
}
