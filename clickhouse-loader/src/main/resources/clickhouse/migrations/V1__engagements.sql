-- One row per enriched engagement event. Written at least once; a redelivered or replayed event (same event_id)
-- is the same sort key in the same partition, so ReplacingMergeTree keeps only the newest processed_ts_ms version.
-- content_id and event_ts are immutable facts of an engagement event (the source table is insert-only), which is
-- what makes (content_id, event_ts, event_id) and toYYYYMM(event_ts) a function of event_id alone.
-- Readers still use FINAL (or GROUP BY event_id): merges happen eventually, queries must not wait for them.
-- Kept to SQL both ClickHouse 18.16 (Debian) and a current server accept: no DateTime64/TTL/CODEC/LowCardinality.
CREATE TABLE IF NOT EXISTS engagements
(
    event_id           UInt64,
    content_id         UUID,
    user_id            Nullable(UUID),
    event_type         Enum8('play' = 1, 'pause' = 2, 'finish' = 3, 'click' = 4),
    event_ts           DateTime('UTC'),
    event_ts_ms        UInt64,
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
    processed_ts_ms    UInt64
)
ENGINE = ReplacingMergeTree(processed_ts_ms)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (content_id, event_ts, event_id);

-- Daily per-content rollup. A view over FINAL rather than a SummingMergeTree/AggregatingMergeTree materialized view:
-- a materialized view sees every inserted block, so a replayed event would be summed twice; only the deduplicated
-- table cannot double count (see README).
CREATE VIEW IF NOT EXISTS engagements_daily AS
SELECT
    content_id,
    toDate(event_ts) AS day,
    count() AS events,
    sum(ifNull(engagement_seconds, toDecimal64(0, 3))) AS engagement_seconds,
    countIf(event_type = 'finish') AS finishes,
    uniqExact(user_id) AS users
FROM engagements FINAL
GROUP BY content_id, day;
