package io.engagement.query.clickhouse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A client that goes away mid-request (curl killed, tab closed, a load balancer's timeout) must not leave its query
 * running in ClickHouse until max_execution_time (8 s). The query is made slow with data, not with a setting: millions
 * of events on one day, each with its own user, so that {@code /analytics/devices} (FINAL, then uniqExact of users)
 * keeps ClickHouse busy past max_execution_time.
 */
@QuarkusTest
@TestProfile(AnalyticsCancellationTest.OwnDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsCancellationTest {
    private static final long EVENTS = 12_000_000;
    /** A quarter of max_execution_time: an uncancelled query is still running long after it. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(2);
    private static final String CANCELLED = "pipeline_analytics_cancelled_total";

    /** Millions of rows, whose event ids would replace other tests' events under FINAL: a database of their own. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnalyticsDatabase.class));
        }
    }

    private final Instant day = Instant.parse("2022-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS);

    @BeforeAll
    void fillOneDay() {
        long from = day.getEpochSecond();
        AnalyticsDatabase.post(AnalyticsDatabase.database, "INSERT INTO engagement_events SELECT number,"
                + " toUUID('00000000-0000-4000-8000-000000000001'), generateUUIDv4(), 'play',"
                + " toDateTime(" + from + " + number % 86400, 'UTC'), (" + from + " + number % 86400) * 1000, 1000,"
                + " toDecimal64(1, 3), toDecimal64(10, 2), 'web', '{}', 'slug', 'title', 'video', 100, 'c', 0, 1, 1, 0"
                + " FROM system.numbers LIMIT " + EVENTS);
    }

    @Test
    void aQueryWhoseClientDisconnectsLeavesClickHouseAtOnceAndIsCounted() throws Exception {
        double cancelledBefore = cancelledTotal();
        String range = "event_ts_ms >= " + day.toEpochMilli();
        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /analytics/devices?from=" + day + "&to=" + day.plus(1, ChronoUnit.DAYS) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the request's query running in ClickHouse").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> runningQueries(range) == 1);
        }
        Instant gone = Instant.now();
        await("the query gone from system.processes after the client closed its connection").atMost(GONE_WITHIN)
                .pollInterval(Duration.ofMillis(20)).until(() -> runningQueries(range) == 0);
        assertThat(Duration.between(gone, Instant.now())).isLessThan(GONE_WITHIN);
        await("the cancellation counted").atMost(Duration.ofSeconds(2))
                .until(() -> cancelledTotal() == cancelledBefore + 1);
    }

    /** Analytics queries of this test's day that ClickHouse is running now (not counting this look-up). */
    private static int runningQueries(String range) {
        return Integer.parseInt(AnalyticsDatabase.post("system", "SELECT count() FROM system.processes"
                + " WHERE position(query, '" + range + "') > 0 AND position(query, 'system.processes') = 0 FORMAT TSV")
                .strip());
    }

    private static double cancelledTotal() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(CANCELLED + " ") || line.startsWith(CANCELLED + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
