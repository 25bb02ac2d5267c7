-- V35's (channel, wire_id) and (channel, origin_id) brought back what V5 took away: on a table without statistics
-- yet (a new database, before autovacuum's first ANALYZE) PostgreSQL answered the dedup look-up of every accepted
-- message, "where channel = ? and external_id = ?", through (channel, origin_id), filtering every message of the
-- channel (the benchmark: 1,000 rows read per shout after 2,000 shouts, 12,000 at 150/s later on). Only the look-up
-- of a message a chat client corrects or retracts needs these columns, and an id alone finds it: without the
-- channel in front, no index but the unique one fits the dedup look-up.
drop index crosspost.ix_messages_channel_wire;
drop index crosspost.ix_messages_channel_origin;
create index ix_messages_wire on crosspost.messages (wire_id);
create index ix_messages_origin on crosspost.messages (origin_id);
