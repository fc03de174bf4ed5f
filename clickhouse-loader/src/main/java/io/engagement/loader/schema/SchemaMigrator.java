package io.engagement.loader.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.QueryResponse;

import io.engagement.contracts.clickhouse.ClickHouseClients;
import io.engagement.contracts.clickhouse.ClickHouseSettings;
import io.engagement.loader.sink.ClickHouseUnavailableException;
import io.quarkus.runtime.StartupEvent;

/**
 * Applies the SQL files listed in {@code clickhouse/migrations/index.txt} once each, recording them in
 * {@code schema_migrations}. Every statement is itself idempotent (IF NOT EXISTS), so two loaders racing at start
 * are harmless. Runs at start and again before a write if ClickHouse was down at start: rows are never written
 * into a database whose tables do not exist yet (they would be mistaken for bad rows).
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    private static final String DIR = "clickhouse/migrations/";
    private static final long TIMEOUT_S = 30;

    private final Client client;
    private final ClickHouseSettings config;
    private volatile boolean applied;

    SchemaMigrator(Client client, ClickHouseSettings config) {
        this.client = client;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureApplied();
        } catch (ClickHouseUnavailableException e) {
            LOG.warnf("ClickHouse schema not applied yet, will retry before the first write: %s", e.getMessage());
        }
    }

    public boolean applied() {
        return applied;
    }

    /** @throws ClickHouseUnavailableException when ClickHouse cannot be reached or refuses a migration */
    public synchronized void ensureApplied() {
        if (applied) {
            return;
        }
        // The database may not exist yet, so this one statement runs in the always-present `system` database.
        execute("CREATE DATABASE IF NOT EXISTS `" + config.database() + "`", "system");
        execute("CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime('UTC'))"
                + " ENGINE = ReplacingMergeTree ORDER BY version", null);
        Set<Integer> done = appliedVersions();
        for (String file : resourceLines(DIR + "index.txt")) {
            int version = versionOf(file);
            if (done.contains(version)) {
                continue;
            }
            for (String statement : statements(resource(DIR + file))) {
                execute(statement, null);
            }
            execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" + version + ", '"
                    + file.replace("'", "") + "', now())", null);
            LOG.infof("Applied ClickHouse migration %s to database %s", file, config.database());
        }
        applied = true;
    }

    private Set<Integer> appliedVersions() {
        String sql = "SELECT DISTINCT version FROM schema_migrations FORMAT TSV";
        try (QueryResponse response = client.query(sql).get(TIMEOUT_S, TimeUnit.SECONDS)) {
            Set<Integer> versions = new HashSet<>();
            for (String line : new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    versions.add(Integer.parseInt(line.trim()));
                }
            }
            return versions;
        } catch (Exception e) {
            throw failed(sql, e);
        }
    }

    private void execute(String sql, String database) {
        CommandSettings settings = new CommandSettings();
        if (database != null) {
            settings.setDatabase(database);
            settings.serverSetting(ClickHouseClients.DATABASE_PARAMETER, database);
        }
        try {
            client.execute(sql, settings).get(TIMEOUT_S, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw failed(sql, e);
        }
    }

    private static ClickHouseUnavailableException failed(String sql, Exception e) {
        // 18.16 reports errors as an HTTP status and a body only: the SQL is what makes the log useful.
        LOG.errorf("ClickHouse migration statement failed: %s", sql);
        return new ClickHouseUnavailableException("migration failed: " + e.getMessage(), e);
    }

    static int versionOf(String file) {
        int end = file.indexOf("__");
        if (!file.startsWith("V") || end < 2) {
            throw new IllegalStateException("migration file name must look like V<n>__name.sql: " + file);
        }
        return Integer.parseInt(file.substring(1, end));
    }

    /** Splits a migration into statements: one statement per request over HTTP; `--` comment lines dropped. */
    static List<String> statements(String sql) {
        StringBuilder text = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";\\s*\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip().replaceAll(";$", ""));
            }
        }
        return statements;
    }

    private static List<String> resourceLines(String path) {
        return resource(path).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
