-- Who held the chat bot last (issue 22), per leader lock key. The node that wins the lock reads it: nobody held the
-- bot, or the last holder let go cleanly (released_at set), and it connects the bot at once; the last holder died or
-- was cut off from the database (released_at empty), and it may still be speaking, so the winner waits
-- crosspost.cluster.takeover-grace first. Written only by the lock's holder, on its lock connection.
create table crosspost.bot_holder (
    lock_key    bigint                   not null primary key,
    node        varchar(255)             not null,
    -- random per process start: the same node name after a restart is another holder
    incarnation varchar(36)              not null,
    held_since  timestamp with time zone not null,
    released_at timestamp with time zone
);
