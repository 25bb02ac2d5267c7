-- Which process each outbox node is (issue 22's fencing, for the outbox): boot id / pid namespace / pid / start time,
-- as dev.crosspost.cluster.LocalProcess reads them from /proc. A node that sees from /proc that another node's process
-- has ended (same machine, same pid namespace: a restart after kill -9, a second node on the same host) lets go of that
-- node's pending sends at once, instead of waiting up to crosspost.outbox.lease (30 s) for their lease to run out. A
-- node writes its row when it starts and every third of the lease (seen_at), and deletes it when it stops cleanly; rows
-- nobody has seen for crosspost.outbox.keep are deleted with the old sends. No row where /proc tells nothing: then the
-- lease applies as before.
create table crosspost.outbox_node (
    node    varchar(64)  not null primary key,
    process varchar(200) not null,
    seen_at timestamp with time zone not null
);
