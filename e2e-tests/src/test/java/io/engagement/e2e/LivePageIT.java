package io.engagement.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.engagement.contracts.JsonSerdes;

/**
 * The live page at query-api's / in a real headless Chromium, against the running fleet and the stack's
 * Prometheus: no console errors, the top 10 equal GET /top-content, every chart has points, the 5 s target line
 * is on the latency chart's canvas, a stopped redis-projector shows as down within 15 s, a stopped ClickHouse shows
 * as down while the rest of the page stays live, and a stopped Prometheus
 * leaves the charts on screen with the reason. Saves target/live-page.png (how the README's picture was taken).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePageIT {
    private static final List<String> CHARTS = List.of("latency", "throughput", "lag", "dlq");
    static final Path SCREENSHOT = Path.of("target", "live-page.png");
    private static Chromium chromium;
    private static BrowserPage page;

    @BeforeAll
    static void open() throws Exception {
        Fleet.start();
        // Traffic of every kind, dead letters included, so that every chart has something to draw.
        Stack.setRate(200);
        Stack.json("POST", Stack.SIMULATOR + "/simulator/bad-rows", null);
        chromium = Chromium.start(Path.of("target", "chromium.log"));
        page = chromium.newPage(1400, 1700);
        page.navigate(Stack.QUERY_API + "/");
    }

    @AfterAll
    static void close() throws Exception {
        Stack.setRate(0);
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void everyChartHasPointsAndTheLatencyChartItsFiveSecondLine() throws Exception {
        await("every chart drawn with data points").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String chart : CHARTS) {
                        JsonNode figure = json(page.evaluate("JSON.stringify({points: Number(document.getElementById('chart-"
                                + chart + "').dataset.points || 0), state: document.getElementById('chart-" + chart
                                + "').dataset.state || ''})"));
                        assertTrue(figure.path("points").asInt() > 0, chart + " has no data points: " + figure);
                        assertEquals("live", figure.path("state").asText(), chart);
                    }
                });
        JsonNode line = json(page.evaluate(TARGET_LINE_PIXELS));
        assertEquals(5.0, line.path("value").asDouble(), "the latency chart's threshold line: " + line);
        assertTrue(line.path("red").asInt() * 2 >= line.path("samples").asInt() && line.path("samples").asInt() > 10,
                "the 5 s line is drawn (red pixels along its row): " + line);
        page.screenshot(SCREENSHOT);
        assertEquals(List.of(), page.consoleErrors(), "console errors of the page");
    }

    @Test
    @Order(2)
    void topTenRowsEqualTopContent() {
        // Still traffic keeps the ranking still, so that the page (refreshing every 2 s) and the API can agree.
        Stack.setRate(0);
        await("the page's top 10 equal GET /top-content").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<Row> shown = new ArrayList<>();
                    json(page.evaluate(TOP_ROWS)).forEach(r -> shown.add(new Row(r.path("id").asText(),
                            r.path("title").asText(), r.path("type").asText(), new BigDecimal(r.path("seconds").asText()),
                            r.path("events").asLong())));
                    List<Row> api = new ArrayList<>();
                    Stack.json("GET", Stack.QUERY_API + "/top-content?limit=10&window=10m", null).path("rows")
                            .forEach(r -> api.add(new Row(r.path("content_id").asText(), r.path("title").asText(),
                                    r.path("content_type").asText(), r.path("engagement_seconds").decimalValue(),
                                    r.path("events").asLong())));
                    assertFalse(api.isEmpty(), "GET /top-content has rows");
                    assertEquals(api, shown);
                });
        assertEquals(List.of(), page.consoleErrors(), "console errors of the page");
    }

    @Test
    @Order(3)
    void aStoppedRedisProjectorShowsAsDownWithin15Seconds() {
        awaitPartState("redis-projector", "up", Duration.ofSeconds(30));
        Fleet.pipeline("stop", "redis-projector");
        try {
            awaitPartState("redis-projector", "down", Duration.ofSeconds(15));
        } finally {
            Fleet.pipeline("start", "redis-projector");
        }
        awaitPartState("redis-projector", "up", Duration.ofSeconds(60));
    }

    @Test
    @Order(4)
    void aStoppedClickHouseShowsAsDownAndTheRestOfThePageStaysLive() throws Exception {
        awaitPartState("clickhouse", "up", Duration.ofSeconds(30));
        Fleet.pipeline("stop", "clickhouse");
        try {
            // The 15 s run from the moment it is stopped (ClickHouse's own graceful shutdown can take longer);
            // query-api's readiness check says so at the page's next refresh, with no scrape in between.
            awaitPartState("clickhouse", "down", Duration.ofSeconds(15));
            JsonNode shown = json(page.evaluate("JSON.stringify({top: document.getElementById('top')"
                    + ".classList.contains('stale'), rows: document.querySelectorAll('#top tbody tr[data-content-id]').length,"
                    + " charts: [...document.querySelectorAll('[data-chart]')].map(f => f.dataset.state)})"));
            assertFalse(shown.path("top").asBoolean(), "the top 10 (Redis) stays live: " + shown);
            assertTrue(shown.path("rows").asInt() > 0, "the top 10 keeps its rows: " + shown);
            shown.path("charts").forEach(c -> assertEquals("live", c.asText(), "charts stay live: " + shown));
        } finally {
            Fleet.pipeline("start", "clickhouse");
        }
        awaitPartState("clickhouse", "up", Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aStoppedPrometheusLeavesTheChartsOnScreenWithTheReason() {
        Fleet.pipeline("stop", "prometheus");
        try {
            await("the page says Prometheus is unavailable").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                        JsonNode state = json(page.evaluate("JSON.stringify({banner: document.getElementById('banner').hidden"
                                + " ? '' : document.getElementById('banner').textContent, charts: [...document.querySelectorAll("
                                + "'[data-chart]')].map(f => ({state: f.dataset.state, points: Number(f.dataset.points || 0)}))})"));
                        assertTrue(state.path("banner").asText().contains("Prometheus"), "banner: " + state);
                        state.path("charts").forEach(c -> {
                            assertEquals("stale", c.path("state").asText(), state.toString());
                            assertTrue(c.path("points").asInt() > 0, "the last data stays drawn: " + state);
                        });
                    });
            awaitPartState("prometheus", "down", Duration.ofSeconds(10));
        } finally {
            Fleet.pipeline("start", "prometheus");
        }
        await("charts live again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                page.evaluate("[...document.querySelectorAll('[data-chart]')].every(f => f.dataset.state === 'live')")
                        .asBoolean());
    }

    private static void awaitPartState(String part, String state, Duration within) {
        await(part + " shown as " + state).atMost(within).pollInterval(Duration.ofMillis(250)).until(() ->
                state.equals(page.evaluate("(document.querySelector('#status [data-part=\"" + part
                        + "\"]') || {dataset: {}}).dataset.state || ''").asText()));
    }

    private static JsonNode json(JsonNode stringValue) throws Exception {
        return JsonSerdes.mapper().readTree(stringValue.asText());
    }

    record Row(String id, String title, String type, BigDecimal seconds, long events) {
        // 12.5 and 12.500 are the same number of seconds.
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && id.equals(r.id) && title.equals(r.title) && type.equals(r.type)
                    && seconds.compareTo(r.seconds) == 0 && events == r.events;
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    private static final String TOP_ROWS = """
            JSON.stringify([...document.querySelectorAll('#top tbody tr')].filter(tr => tr.dataset.contentId).map(tr => ({
              id: tr.dataset.contentId, title: tr.querySelector('.title').textContent,
              type: tr.querySelector('.type').textContent, seconds: tr.querySelector('.seconds .value').textContent,
              events: tr.querySelector('.events').textContent})))""";

    // Samples the canvas along the row where the page says it drew the threshold: a dashed red line shows red in
    // most samples; a line that was never stroked shows none.
    private static final String TARGET_LINE_PIXELS = """
            (() => {
              const f = document.getElementById('chart-latency');
              const line = JSON.parse(f.dataset.thresholdLines || '[]')[0];
              if (!line) return JSON.stringify({value: 0, red: 0, samples: 0});
              const ctx = f.querySelector('canvas').getContext('2d');
              let red = 0, samples = 0;
              for (let x = Math.ceil(line.left) + 2; x < line.left + line.width - 2; x += 7) {
                const [r, g, b, a] = ctx.getImageData(x, line.y, 1, 1).data;
                samples++;
                if (r > 150 && g < 100 && b < 100 && a > 100) red++;
              }
              return JSON.stringify({value: line.value, y: line.y, red, samples});
            })()""";
}
