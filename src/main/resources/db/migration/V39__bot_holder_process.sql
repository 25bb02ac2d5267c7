-- Which process the bot's holder was (issue 22): boot id / pid namespace / pid / start time, as
-- dev.crosspost.cluster.LocalProcess reads them from /proc; null where they cannot be read. A node that wins the lock
-- from a holder that did not let go, and sees from /proc that this process has ended (same machine, same pid
-- namespace: a restart after kill -9, a second node on the same host), connects the bot at once: an ended process's
-- sockets are closed, it is not speaking. Anywhere else the takeover grace applies as before.
alter table crosspost.bot_holder add column process varchar(200);
