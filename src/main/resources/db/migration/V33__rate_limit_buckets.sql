-- Token buckets of the login throttle and the per-member rate limits, shared by all nodes on one PostgreSQL
-- (issue 24): the table of Bucket4j's PostgreSQL backend (security/PostgresBucketStore). id is the limit's name and
-- rate and a hash of the key (member and channel, or client address, or account); state is Bucket4j's own
-- serialised bucket; expires_at (epoch milliseconds) is when a full bucket may be deleted. On H2 (one node) the
-- buckets stay in memory and the table stays empty.
create table crosspost.rate_limit_buckets (
    id         varchar(200) not null primary key,
    state      bytea,
    expires_at bigint
);
create index ix_rate_limit_buckets_expires_at on crosspost.rate_limit_buckets (expires_at);
