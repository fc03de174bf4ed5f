-- Written by Debezium's heartbeat.action.query: keeps the replication slot confirming WAL when the captured
-- tables are quiet, so WAL cannot grow without bound.
CREATE TABLE debezium_heartbeat (
  id  INTEGER PRIMARY KEY,
  ts  TIMESTAMPTZ NOT NULL
);

-- The publication the Debezium connector streams from (publication.autocreate.mode=disabled):
-- created here so the captured set of tables is versioned with the schema.
CREATE PUBLICATION engagement_publication
  FOR TABLE content, engagement_events, debezium_signal, debezium_heartbeat;
