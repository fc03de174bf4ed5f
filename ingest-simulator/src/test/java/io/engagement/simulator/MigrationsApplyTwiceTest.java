package io.engagement.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The versioned schema applies to an empty database, and applying it again changes nothing. */
class MigrationsApplyTwiceTest {

    @Test
    void migrationsApplyToAnEmptyDatabaseAndTheSecondRunIsANoOp() throws Exception {
        String database = "migrations_check_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = LocalStack.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(LocalStack.jdbcUrl(database), LocalStack.env("PG_USER", "pipeline"),
                            LocalStack.env("PG_PASSWORD", "pipeline"))
                    .locations("classpath:db/migration")
                    .load();
            MigrateResult first = flyway.migrate();
            MigrateResult second = flyway.migrate();

            assertTrue(first.migrationsExecuted >= 4, "first run applies every migration");
            assertEquals(0, second.migrationsExecuted, "second run applies nothing");
            try (Connection conn = LocalStack.connect(database); Statement statement = conn.createStatement()) {
                assertEquals(List.of("backfill_requests", "content", "debezium_heartbeat", "debezium_signal",
                        "engagement_events"), strings(statement.executeQuery("""
                                SELECT table_name FROM information_schema.tables
                                WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                                ORDER BY table_name""")));
                assertEquals(List.of("content", "debezium_heartbeat", "debezium_signal", "engagement_events"),
                        strings(statement.executeQuery("""
                                SELECT tablename FROM pg_publication_tables
                                WHERE pubname = 'engagement_publication' ORDER BY tablename""")));
                // The brief's constraints are really there: a bad event_type is refused by PostgreSQL itself.
                assertEquals("23514", sqlState(statement, """
                        INSERT INTO engagement_events (event_type, event_ts) VALUES ('scroll', now())"""));
            }
        } finally {
            try (Connection admin = LocalStack.connect(); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static List<String> strings(ResultSet rows) throws Exception {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.getString(1));
        }
        return values;
    }

    private static String sqlState(Statement statement, String sql) {
        try {
            statement.execute(sql);
            return "accepted";
        } catch (java.sql.SQLException e) {
            return e.getSQLState();
        }
    }
}
