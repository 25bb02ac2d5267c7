-- When the bot's holder last found its lock connection alive (issue 22): it records every check (every
-- crosspost.cluster.check-interval). A holder that died or was cut off has let go of the bot at most
-- check-interval + 2 x check-timeout + a margin after its last check, so the node that wins the lock next waits out
-- the takeover grace counted from that check, not from its own win: after a kill -9 and a restart that took longer
-- than the grace, it connects the bot at once. Null for a holder that never checked (it waits the whole grace).
alter table crosspost.bot_holder add column checked_at timestamp with time zone;
