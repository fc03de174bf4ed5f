package io.engagement.query.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.engagement.query.dashboard.Dashboard;
import io.engagement.query.dashboard.DashboardLoader;
import io.engagement.query.dashboard.PromqlTemplate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The live API against the real Prometheus of the local stack (PROMETHEUS_URL, ./pipeline up): each chart runs
 * exactly its dashboard panel's expressions, the status comes from Prometheus' scrapes, bad requests are
 * problems, and the page and its chart library are served from the jar.
 */
@QuarkusTest
class LiveResourceTest {
    private static final Map<String, List<String>> CHARTS = Map.of("latency", List.of("1", "A", "C"),
            "throughput", List.of("4", "A", "B"), "lag", List.of("5", "A"), "dlq", List.of("6", "A"));

    @ParameterizedTest
    @CsvSource({ "latency", "throughput", "lag", "dlq" })
    void eachChartRunsItsDashboardPanelsExpressionsOnPrometheus(String chart) throws Exception {
        Dashboard dashboard = DashboardLoader.parse(new ObjectMapper().readTree(
                Files.readString(DashboardSourceTest.REPO_DASHBOARD)));
        List<String> spec = CHARTS.get(chart);
        Dashboard.Panel panel = dashboard.panel(Integer.parseInt(spec.get(0))).orElseThrow();
        List<String> expected = panel.targets().stream().filter(t -> spec.subList(1, spec.size()).contains(t.refId()))
                .map(t -> PromqlTemplate.render(t.expr(), dashboard.variables(), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .toList();

        JsonPath body = given().get("/live/charts/" + chart).then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("title")).isEqualTo(panel.title());
        assertThat(body.getInt("dashboard_panel")).isEqualTo(panel.id());
        assertThat(body.getList("queries.expr", String.class)).isEqualTo(expected);
        assertThat(body.getList("thresholds", Double.class)).isEqualTo(panel.thresholds());
        List<Long> timestamps = body.getList("timestamps", Long.class);
        assertThat(timestamps).hasSize(10 * 60 / 5 + 1);
        assertThat(timestamps.get(timestamps.size() - 1) - timestamps.get(0)).isEqualTo(600);
        for (Map<String, Object> series : body.<Map<String, Object>>getList("series")) {
            assertThat((List<?>) series.get("values")).hasSize(timestamps.size());
            assertThat(spec).contains((String) series.get("ref_id"));
        }
    }

    @Test
    void statusListsEveryServiceAsPrometheusScrapesItAndTheSinks() {
        // Prometheus writes up=0 or up=1 for every target at its first scrape (5 s), whether the service runs or not.
        JsonPath status = given().get("/live/status").then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("parts.find { it.name == 'prometheus' }.state")).isEqualTo("up");
        for (String service : List.of("webhook-receiver", "ingest-simulator", "stream-processor", "redis-projector",
                "clickhouse-loader", "external-forwarder", "query-api")) {
            assertThat(status.getString("parts.find { it.name == '" + service + "' }.state")).as(service)
                    .isIn("up", "down");
        }
        assertThat(status.getString("parts.find { it.name == 'redis' }.state")).isEqualTo("up");
        assertThat(status.getList("parts.name")).contains("clickhouse");
    }

    @Test
    void unknownChartIsANotFoundProblem() {
        given().get("/live/charts/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("latency"));
    }

    @ParameterizedTest
    @CsvSource({ "abc", "10h", "30s", "-5m" })
    void badRangeIsAProblemNamingTheParameter(String range) {
        given().queryParam("range", range).get("/live/charts/latency").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Invalid parameter 'range'"))
                .body("detail", containsString(range));
    }

    @Test
    void thePageAndItsChartLibraryComeFromTheJar() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/live.js")).body(containsString("/webjars/uplot/dist/uPlot.iife.min.js"));
        given().get("/live.js").then().statusCode(200).body(containsString("/live/charts/"));
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200).body(containsString("uPlot"));
    }
}
