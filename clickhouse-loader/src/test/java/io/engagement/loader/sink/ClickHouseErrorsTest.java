package io.engagement.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import io.engagement.loader.schema.SchemaMigrator;
import io.engagement.loader.support.LoaderTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failures of real inserts into the real server, sorted: only a value the server cannot take is the rows' fault.
 * The local server is 18.16, which answers every failing insert with HTTP 500 and names the code only in a body the
 * official client cannot read: such a failure makes the rows suspects (see BatchLoader), never proven bad.
 */
@QuarkusTest
@WithTestResource(LoaderTestResources.class)
class ClickHouseErrorsTest {
    private static final String GOOD_ROW = "{\"event_id\": 1, \"content_id\": \"00000000-0000-0000-0000-000000000001\"}";

    @Inject
    Client client;
    @Inject
    SchemaMigrator schema;

    @Test
    void aServerOutOfMemoryWithoutErrorCodeMakesTheRowsSuspectsNotBadRows() {
        Throwable failure = insert(GOOD_ROW, new InsertSettings().serverSetting("max_memory_usage", "1000"));

        assertThat(ClickHouseErrors.classify(failure, "insert")).isInstanceOf(serverSendsCodes()
                ? ClickHouseUnavailableException.class : UnexplainedFailureException.class);
    }

    @Test
    void aValueTheServerCannotParseIsBadRowsOrWithoutErrorCodeSuspects() {
        Throwable failure = insert("{\"event_id\": \"not a number\"}", new InsertSettings());

        assertThat(ClickHouseErrors.classify(failure, "insert")).isInstanceOf(serverSendsCodes()
                ? RowsRejectedException.class : UnexplainedFailureException.class);
    }

    @Test
    void anHttp500WithoutCodeIsUnexplainedAndOtherStatusesWithoutCodeAreUnavailable() {
        assertThat(ClickHouseErrors.classify(new ServerException(0, "<Unreadable error message>", 500), "insert"))
                .isInstanceOf(UnexplainedFailureException.class);
        assertThat(ClickHouseErrors.classify(new ServerException(0, "<Unreadable error message>", 404), "insert"))
                .isInstanceOf(ClickHouseUnavailableException.class);
        assertThat(ClickHouseErrors.classify(new ServerException(0, "<Unreadable error message>", 503), "insert"))
                .isInstanceOf(ClickHouseUnavailableException.class);
    }

    @Test
    void currentServerCodesForValuesAreBadRowsAndOthersAreNot() {
        // UNKNOWN_ELEMENT_OF_ENUM (691) and CANNOT_PARSE_UUID (376) are about a value; LOGICAL_ERROR (49),
        // CANNOT_READ_ALL_DATA (33, a body cut short in transit) and NETLINK_ERROR (412) are not.
        for (int code : new int[] {691, 376, 27, 6}) {
            assertThat(ClickHouseErrors.classify(new ServerException(code, "DB::Exception", 500), "insert"))
                    .as("code " + code).isInstanceOf(RowsRejectedException.class);
        }
        for (int code : new int[] {49, 33, 412, 241, 252}) {
            assertThat(ClickHouseErrors.classify(new ServerException(code, "DB::Exception", 500), "insert"))
                    .as("code " + code).isInstanceOf(ClickHouseUnavailableException.class);
        }
    }

    /** 18.16 (the local stack) sends no X-ClickHouse-Exception-Code; current servers do. */
    private boolean serverSendsCodes() {
        return !client.getServerVersion().startsWith("18.");
    }

    private Throwable insert(String row, InsertSettings settings) {
        schema.ensureApplied();
        Throwable failure = catchThrowable(() -> client.insert(ClickHouseSink.TABLE,
                out -> out.write((row + "\n").getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.JSONEachRow, settings)
                .get(30, TimeUnit.SECONDS).close());
        assertThat(failure).as("the insert must fail").isNotNull();
        return failure;
    }
}
