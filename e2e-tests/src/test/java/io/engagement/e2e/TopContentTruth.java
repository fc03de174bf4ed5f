package io.engagement.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /top-content against SQL over the very window the API reports. */
final class TopContentTruth {
    /** Redis trails PostgreSQL by the pipeline's latency: the last writes before a check may still be on their way. */
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private TopContentTruth() {
    }

    /** Polls until the ranking equals SQL's over its window; a difference that persists past the deadline fails. */
    static void assertTopContentEqualsSql() {
        await("GET /top-content equals SQL over its window").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(TopContentTruth::assertOnce);
    }

    private static void assertOnce() throws Exception {
        JsonNode top = Stack.json("GET", Stack.QUERY_API + "/top-content?limit=20&window=10m&by=seconds", null);
        Instant from = Instant.parse(top.path("window_start").asText());
        Instant to = Instant.parse(top.path("window_end").asText());
        Map<UUID, GroundTruth.Totals> sql = GroundTruth.windowTotals(from, to);

        List<BigDecimal> sqlTop = sql.values().stream().map(GroundTruth.Totals::engagementSeconds)
                .sorted((a, b) -> b.compareTo(a)).limit(20).map(BigDecimal::stripTrailingZeros).toList();
        List<BigDecimal> apiTop = new ArrayList<>();
        for (JsonNode row : top.path("rows")) {
            UUID content = UUID.fromString(row.path("content_id").asText());
            BigDecimal seconds = new BigDecimal(row.path("engagement_seconds").asText());
            apiTop.add(seconds.stripTrailingZeros());
            GroundTruth.Totals want = sql.get(content);
            assertTrue(want != null, "content " + content + " has no valid events in the window per SQL");
            assertDecimal(want.engagementSeconds(), seconds, "engagement seconds of " + content);
            assertEquals(want.events(), row.path("events").asLong(), "events of " + content);
        }
        assertFalse(apiTop.isEmpty(), "the live top list is not empty");
        assertEquals(sqlTop, apiTop, "the ranking's totals equal SQL's top 20, in order");
    }

    static void assertDecimal(BigDecimal want, BigDecimal got, String what) {
        if (want == null || got == null) {
            assertEquals(want, got, what);
        } else {
            assertEquals(0, want.compareTo(got), what + ": expected " + want + " but was " + got);
        }
    }
}
