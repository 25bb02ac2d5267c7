-- Shout edits (issue 23). edited_at: when the text was last changed (an edit on the page or API, or a correction
-- that reached a relayed copy); null: never. edited_by: who changed it (the author, a moderator, an admin; for a
-- relayed copy the original's sender). message_id: the incoming message the shout is (a shout posted here: its own
-- id) or came from (a copy a queue wrote here: OutgoingMessage.messageId), so that a change of that message finds
-- its copies. Shouts posted before this migration are their own message; older relayed copies stay unlinked.
alter table crosspost.shouts add column edited_at timestamp with time zone;
alter table crosspost.shouts add column edited_by varchar(300);
alter table crosspost.shouts add column message_id varchar(64);
update crosspost.shouts set message_id = id where origin is null;
create index ix_shouts_message on crosspost.shouts (message_id);
