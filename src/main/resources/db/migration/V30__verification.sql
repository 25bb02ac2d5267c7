-- A member's contact addresses (XMPP address, phone number) and whether they confirmed them. The address a
-- member set is Camunda user info (xmpp, phone); it counts (credits room lines, receives notifications, may talk
-- to the bot as the member) only while this table holds it as verified. A pending claim carries the hash of the
-- one-time code sent to the address. verified is unique per kind: an address is at most one member's; several
-- NULLs (pending claims) are allowed by H2 and PostgreSQL alike.
create table crosspost.contact_addresses (
    member_id    varchar(64)  not null,
    kind         varchar(8)   not null,
    address      varchar(255) not null,
    code_hash    varchar(64),
    code_sent_at timestamp with time zone,
    attempts     integer      not null default 0,
    verified     varchar(255),
    verified_at  timestamp with time zone,
    constraint pk_contact_addresses primary key (member_id, kind),
    constraint uq_contact_addresses_verified unique (kind, verified),
    constraint ck_contact_addresses_kind check (kind in ('xmpp', 'phone'))
);
create index ix_contact_addresses_address on crosspost.contact_addresses (kind, address);
