-- Backfills requested through query-api: what was asked, and the WAL position of its Debezium signal, so
-- progress can tell "not yet picked up" from "finished" by comparing with the connector's committed LSN.
CREATE TABLE backfill_requests (
  id             UUID PRIMARY KEY,
  requested_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  from_ts        TIMESTAMPTZ,
  to_ts          TIMESTAMPTZ,
  tables         TEXT[] NOT NULL,
  expected_rows  BIGINT NOT NULL,
  max_event_id   BIGINT,
  signal_lsn     PG_LSN NOT NULL
);
