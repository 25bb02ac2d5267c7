-- The dedup look-up (channel + external id) must use the unique index. With (channel, received_at) beside it
-- and statistics from a still-empty table (a new database, before autovacuum's first ANALYZE), PostgreSQL
-- picked (channel, received_at) and filtered every message of the channel: 5 ms per shout after 5,000 shouts,
-- growing with the table. No query needs (channel, received_at): the channel overview reads every row anyway.
drop index if exists crosspost.ix_messages_channel_received;
