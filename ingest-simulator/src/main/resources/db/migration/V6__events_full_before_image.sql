-- The connector routes engagement_events by content_id (PartitionRouting on change.content_id), so that an event
-- lands in the partition of its content and the stream-processor needs no repartition of the event stream. A delete
-- carries only the before-image, and an update that moves an event to another content must also reach the old
-- content's task; with the default replica identity that image holds the primary key only. FULL puts the whole old
-- row in the WAL for updates and deletes (events are inserted far more often than changed, so the WAL barely grows):
-- a delete is routed by its old content_id and an update names the content it left.
ALTER TABLE engagement_events REPLICA IDENTITY FULL;
