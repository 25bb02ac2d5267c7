-- Each row a node accepts and sends itself looks for an older row of its target that nobody holds (a shout the
-- node without the bot accepted a moment before), and the poller for one another node holds. On (target, status)
-- alone PostgreSQL answered "min(seq) where target = ? and status = 'PENDING' and lease_owner is null" by walking
-- the primary key from the oldest row of the whole table, filtering every row it met: 11-21 ms with 80,000 rows
-- (the sent rows are kept for crosspost.outbox.keep), once per accepted message, growing with the table. With
-- lease_owner and seq in the index, the oldest unheld row is the first entry of its range (0.04 ms). The new index
-- serves every (target, status) look-up the old one served, so it replaces it: no extra index on each insert.
create index ix_outbox_target_holder on crosspost.outbox (target, status, lease_owner, seq);
drop index crosspost.ix_outbox_target_status;
