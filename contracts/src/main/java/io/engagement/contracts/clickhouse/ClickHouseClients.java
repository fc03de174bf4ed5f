package io.engagement.contracts.clickhouse;

import java.time.temporal.ChronoUnit;

import com.clickhouse.client.api.Client;

/**
 * Builds the ClickHouse client-v2 the way it works against Debian's ClickHouse 18.16 as well as a current server:
 * no compression (HTTP {@code compress=1} is broken on 18.16), server time zone and version given up front so the
 * client never calls {@code loadServerInfo()} (which fails on 18.16). Reads must name their format
 * ({@code FORMAT JSONEachRow}/{@code TSV}); 18.16 reports errors only as an HTTP status and body, so callers log the SQL.
 */
public final class ClickHouseClients {
    /** The server version we claim, so the client skips version probing; 18.16 is the oldest server we run on. */
    public static final String ASSUMED_SERVER_VERSION = "18.16.1";

    /** URL parameter naming a request's database; override it per request together with {@code setDatabase}. */
    public static final String DATABASE_PARAMETER = "database";

    private ClickHouseClients() {
    }

    /**
     * @param url      e.g. {@code http://127.0.0.1:58123}
     * @param database default database of every request; must exist unless a request names another one
     * @param password may be empty
     */
    public static Client create(String url, String database, String username, String password, long socketTimeoutMs) {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(username)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database)
                // client-v2 names the database in the X-ClickHouse-Database header, which 18.16 ignores (it would
                // use `default`); the `database` URL parameter works on every version.
                .serverSetting(DATABASE_PARAMETER, database)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setServerTimeZone("UTC")
                .useServerTimeZone(true)
                .setServerVersion(ASSUMED_SERVER_VERSION)
                .setConnectTimeout(2, ChronoUnit.SECONDS)
                .setSocketTimeout(socketTimeoutMs, ChronoUnit.MILLIS)
                // Retrying is the caller's job (it knows whether a batch may be resent); the client must fail fast.
                .setMaxRetries(0)
                .build();
    }
}
