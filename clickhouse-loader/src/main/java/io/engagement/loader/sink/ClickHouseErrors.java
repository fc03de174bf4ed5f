package io.engagement.loader.sink;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.clickhouse.client.api.ServerException;

/**
 * Sorts ClickHouse failures into "the rows are bad" (split the batch, dead-letter the culprits) and "the server is
 * unavailable" (retry everything later). Only codes that describe a value are blamed on rows: a missing table, memory
 * limits or too many parts must never send good rows to the DLQ (on 18.16, which sends no code, see isDataError).
 */
final class ClickHouseErrors {
    /** CANNOT_PARSE_*, TYPE_MISMATCH, ARGUMENT_OUT_OF_BOUND, BAD_TYPE_OF_FIELD, UNKNOWN_ELEMENT_IN_ENUM, DECIMAL_OVERFLOW, INCORRECT_DATA... */
    private static final Set<Integer> DATA_ERRORS = Set.of(
            6, 26, 27, 32, 33, 38, 41, 49, 53, 69, 70, 72, 117, 131, 169, 190, 321, 349, 407, 412);

    private ClickHouseErrors() {
    }

    static RuntimeException classify(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServerException server && isDataError(server)) {
            return new RowsRejectedException(what + " rejected: " + server.getMessage(), server);
        }
        return new ClickHouseUnavailableException(what + " failed: " + cause, cause);
    }

    /**
     * Current servers name the error code in a header. 18.16 does not, so client-v2 reports code 0 and only the HTTP
     * status is left: 18.16 answers a value it cannot parse with 500 (a missing table is 404, bad SQL 400, auth 401/403).
     */
    private static boolean isDataError(ServerException e) {
        return e.getCode() != 0 ? DATA_ERRORS.contains(e.getCode()) : e.getTransportProtocolCode() == 500;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
