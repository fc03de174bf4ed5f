package io.engagement.processor.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class EnrichmentTest {

    @Test
    void engagementSecondsIsDurationOverThousandWithThreeDecimals() {
        assertEquals(new BigDecimal("1.005"), Enrichment.engagementSeconds(1_005));
        assertEquals(new BigDecimal("0.000"), Enrichment.engagementSeconds(0));
        assertNull(Enrichment.engagementSeconds(null));
    }

    @Test
    void engagementPctRoundsHalfUpToTwoDecimals() {
        // 100 * 0.001 / 8 = 0.0125 → 0.01; 100 * 0.005 / 8 = 0.0625 → 0.06; 100 * 1 / 8 = 12.5 → 12.50
        assertEquals(new BigDecimal("0.01"), Enrichment.engagementPct(new BigDecimal("0.001"), 8));
        assertEquals(new BigDecimal("0.06"), Enrichment.engagementPct(new BigDecimal("0.005"), 8));
        assertEquals(new BigDecimal("12.50"), Enrichment.engagementPct(new BigDecimal("1.000"), 8));
        // 100 * 1 / 3 = 33.333.. → 33.33; 100 * 2 / 3 = 66.666.. → 66.67
        assertEquals(new BigDecimal("33.33"), Enrichment.engagementPct(new BigDecimal("1.000"), 3));
        assertEquals(new BigDecimal("66.67"), Enrichment.engagementPct(new BigDecimal("2.000"), 3));
    }

    @Test
    void engagementPctIsNullForNullOrNonPositiveLength() {
        assertNull(Enrichment.engagementPct(new BigDecimal("1.000"), null));
        assertNull(Enrichment.engagementPct(new BigDecimal("1.000"), 0));
        assertNull(Enrichment.engagementPct(new BigDecimal("1.000"), -5));
        assertNull(Enrichment.engagementPct(null, 100));
    }
}
