-- Corrections and removals follow a message where it went (issue 23).
-- An outbox row says, corrects or takes back a line: action SAY (every row before this), CORRECT or RETRACT; a
-- CORRECT or RETRACT row names the row whose line it changes (replaces = that row's id) and goes to the same target,
-- so it leaves after it on the same lane. A change a channel cannot make is a SKIPPED row with the reason.
alter table crosspost.outbox add column action varchar(16) default 'SAY' not null;
alter table crosspost.outbox add column replaces varchar(64);
-- the sends of one message: where its changes go (and Cockpit's trace)
create index ix_outbox_message on crosspost.outbox (message_id);

-- How a chat client names a message it corrects or retracts: the stanza's id attribute (XEP-0308), its origin-id
-- (XEP-0359), or the room's stanza-id (external_id already). author_address: the address that wrote it on its
-- channel (the bare real JID), which alone may change it. changes: how many changes it had (the ids of their sends).
alter table crosspost.messages add column wire_id varchar(400);
alter table crosspost.messages add column origin_id varchar(400);
alter table crosspost.messages add column author_address varchar(300);
alter table crosspost.messages add column changes integer default 0 not null;
create index ix_messages_channel_wire on crosspost.messages (channel, wire_id);
create index ix_messages_channel_origin on crosspost.messages (channel, origin_id);
