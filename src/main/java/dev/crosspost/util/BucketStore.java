package dev.crosspost.util;

/**
 * Where the buckets of a limit live: in this node's memory, or in the database that all nodes share, so that a member,
 * a password guesser or a webhook caller gets one allowance from the whole cluster, not one per node. The bean is
 * security/'s ({@code BucketStores} chooses by the database); in util/ so that adapters (webhook/) may take theirs
 * from it too.
 */
@FunctionalInterface
public interface BucketStore {

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
