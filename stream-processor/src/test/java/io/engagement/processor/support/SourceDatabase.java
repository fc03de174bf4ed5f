package io.engagement.processor.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The real source PostgreSQL: rows inserted here reach the processor through Debezium, as in production. */
public final class SourceDatabase implements AutoCloseable {
    private final Connection connection;

    public SourceDatabase() throws SQLException {
        var env = System.getenv();
        connection = DriverManager.getConnection(
                env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/engagement"),
                env.getOrDefault("PG_USER", "pipeline"), env.getOrDefault("PG_PASSWORD", "pipeline"));
    }

    public UUID insertContent(String title, Integer lengthSeconds) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO content (id, slug, title, "
                + "content_type, length_seconds, publish_ts) VALUES (?, ?, ?, 'podcast', ?, now())")) {
            insert.setObject(1, id);
            insert.setString(2, "it-" + id);
            insert.setString(3, title);
            insert.setObject(4, lengthSeconds, Types.INTEGER);
            insert.executeUpdate();
        }
        return id;
    }

    /** Inserts events in one transaction; returns their ids in order. */
    public List<Long> insertEvents(List<UUID> contentIds, String eventType, Integer durationMs) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO engagement_events (content_id, "
                + "user_id, event_type, event_ts, duration_ms, device, raw_payload) VALUES (?, ?, ?, ?, ?, 'web', "
                + "'{\"it\": true}'::jsonb) RETURNING id")) {
            for (UUID contentId : contentIds) {
                insert.setObject(1, contentId);
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, eventType);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.setObject(5, durationMs, Types.INTEGER);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Moves an event to another content: one UPDATE of content_id. */
    public void moveEvent(long eventId, UUID toContent) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE engagement_events SET content_id = ? WHERE id = ?")) {
            update.setObject(1, toContent);
            update.setLong(2, eventId);
            update.executeUpdate();
        }
    }

    public void deleteEvent(long eventId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM engagement_events WHERE id = ?")) {
            delete.setLong(1, eventId);
            delete.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
