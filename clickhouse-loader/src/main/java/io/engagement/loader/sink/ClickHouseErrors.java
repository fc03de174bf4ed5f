package io.engagement.loader.sink;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.clickhouse.client.api.ServerException;

/**
 * Sorts ClickHouse failures into "the rows are bad" (split the batch, dead-letter the culprits), "the server is
 * unavailable" (retry everything later) and "refused without saying why" (split, but dead-letter a row only once
 * proven bad). Only an error code that describes a value is blamed on rows; a missing table, memory limits, too many
 * parts or a full disk must never send good rows to the DLQ.
 */
final class ClickHouseErrors {
    /**
     * Codes about one value, by their names in a current server (errorCodeToName): CANNOT_PARSE_TEXT,
     * CANNOT_PARSE_ESCAPE_SEQUENCE, CANNOT_PARSE_QUOTED_STRING, CANNOT_PARSE_INPUT_ASSERTION_FAILED, CANNOT_PARSE_DATE,
     * CANNOT_PARSE_DATETIME, TYPE_MISMATCH, ARGUMENT_OUT_OF_BOUND, CANNOT_CONVERT_TYPE, CANNOT_PARSE_NUMBER,
     * INCORRECT_DATA, TOO_LARGE_STRING_SIZE, BAD_TYPE_OF_FIELD, SIZES_OF_ARRAYS_DONT_MATCH,
     * VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE, CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN, CANNOT_PARSE_UUID, DECIMAL_OVERFLOW,
     * CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING, CANNOT_PARSE_BOOL, VIOLATED_CONSTRAINT,
     * UNEXPECTED_DATA_AFTER_PARSED_VALUE, CANNOT_PARSE_IPV4, CANNOT_PARSE_IPV6, UNKNOWN_ELEMENT_OF_ENUM.
     */
    private static final Set<Integer> VALUE_ERRORS = Set.of(
            6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131, 169, 190, 321, 349, 376, 407, 441, 467, 469, 632, 675, 676,
            691);

    private ClickHouseErrors() {
    }

    static RuntimeException classify(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ServerException server) {
            int code = server.getCode();
            if (code == 0 && server.getTransportProtocolCode() == 500) {
                return new UnexplainedFailureException(what + " refused with HTTP 500 and no error code: "
                        + server.getMessage(), server);
            }
            if (VALUE_ERRORS.contains(code)) {
                return new RowsRejectedException(what + " rejected (code " + code + "): " + server.getMessage(), server);
            }
            return new ClickHouseUnavailableException(what + " failed (code " + code + "): " + server.getMessage(), server);
        }
        return new ClickHouseUnavailableException(what + " failed: " + cause, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
