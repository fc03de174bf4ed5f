package io.engagement.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /top-content against SQL over the very window the API reports. */
final class TopContentTruth {
    private TopContentTruth() {
    }

    static void assertTopContentEqualsSql() throws Exception {
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
