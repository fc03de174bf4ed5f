-- POST /admin/backfill with an Idempotency-Key: a repeated request (a client retry, a second click) returns the
-- backfill the first one started instead of starting another.
ALTER TABLE backfill_requests ADD COLUMN idempotency_key TEXT UNIQUE;
