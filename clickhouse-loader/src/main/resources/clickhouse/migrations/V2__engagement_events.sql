-- The source is a changelog (corrections and deletions), so the table keeps versions of an event, not facts:
-- * the sort (= dedupe) key is event_id alone, because content_id and event_ts may change in an update, and the
--   table is not partitioned, because ReplacingMergeTree only replaces within a partition (a partition by
--   event_ts would keep an event moved to another month twice);
-- * version is the source position (the WAL LSN of the change, from Debezium's source.lsn), never processing time,
--   so a redelivered or replayed older version can never replace a newer one;
-- * a deletion is one more version with is_deleted = 1. Readers use FINAL and then filter is_deleted = 0.
--   (ReplacingMergeTree(version, is_deleted) would do the filtering itself, but 18.16 does not have it.) A deletion
--   row carries what the pipeline last knew of the event, which may be nothing but its id: hence content_id,
--   event_type, event_ts and event_ts_ms are Nullable here. Live rows always have them (the loader checks).
-- Kept to SQL both ClickHouse 18.16 (Debian) and a current server accept: no DateTime64/TTL/CODEC/LowCardinality.
CREATE TABLE IF NOT EXISTS engagement_events
(
    event_id           UInt64,
    content_id         Nullable(UUID),
    user_id            Nullable(UUID),
    event_type         Nullable(Enum8('play' = 1, 'pause' = 2, 'finish' = 3, 'click' = 4)),
    event_ts           Nullable(DateTime('UTC')),
    event_ts_ms        Nullable(UInt64),
    duration_ms        Nullable(Int32),
    engagement_seconds Nullable(Decimal(12, 3)),
    engagement_pct     Nullable(Decimal(12, 2)),
    device             Nullable(String),
    raw_payload        Nullable(String),
    slug               String,
    title              String,
    content_type       Nullable(Enum8('podcast' = 1, 'newsletter' = 2, 'video' = 3)),
    length_seconds     Nullable(Int32),
    op                 String,
    source_ts_ms       UInt64,
    processed_ts_ms    UInt64,
    version            UInt64,
    is_deleted         UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY event_id;

-- Existing rows move over with version 0: every change the pipeline writes from now on has a real LSN (> 0) and
-- wins over them. Repeating this copy (two loaders racing, a retry after a timeout) writes identical version-0 rows
-- that FINAL collapses, and can never beat a newer version. The old table stays as it was until an operator drops it.
INSERT INTO engagement_events
SELECT event_id, content_id, user_id, event_type, event_ts, event_ts_ms, duration_ms, engagement_seconds,
       engagement_pct, device, raw_payload, slug, title, content_type, length_seconds, op, source_ts_ms,
       processed_ts_ms, toUInt64(0) AS version, toUInt8(0) AS is_deleted
FROM engagements FINAL;

-- Daily per-content rollup over the live rows only. Still a plain view, never a materialized one: a materialized
-- view sees inserted blocks, so it would sum a replayed event twice and could not take back a corrected or deleted one.
DROP TABLE IF EXISTS engagements_daily;

CREATE VIEW IF NOT EXISTS engagements_daily AS
SELECT
    content_id,
    toDate(event_ts) AS day,
    count() AS events,
    sum(ifNull(engagement_seconds, toDecimal64(0, 3))) AS engagement_seconds,
    countIf(event_type = 'finish') AS finishes,
    uniqExact(user_id) AS users
FROM engagement_events FINAL
WHERE is_deleted = 0
GROUP BY content_id, day;
