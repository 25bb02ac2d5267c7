package dev.crosspost.security;

import dev.crosspost.util.KeyedBuckets;
import dev.crosspost.util.Rate;
import dev.crosspost.util.TokenBuckets;

/**
 * Where the buckets of the login throttle and the rate limits live: in this node's memory, or in the database that
 * all nodes share, so that a member or a password guesser gets one allowance from the whole cluster, not one per
 * node ({@link BucketStores} chooses by the database).
 */
@FunctionalInterface
interface BucketStore {

    /**
     * The buckets of one limit.
     *
     * @param name what they count ({@code login-address}, {@code rate-shout}, ...): no two limits share a name
     */
    TokenBuckets buckets(String name, Rate rate);

    /** This node's memory: right for one node (the embedded H2), per node with several. */
    static BucketStore inMemory() {
        return (name, rate) -> new KeyedBuckets(rate);
    }
}
