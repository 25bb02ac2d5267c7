package dev.crosspost.util;

import java.time.Duration;

/**
 * Token buckets of one {@link Rate}, one per key: in this node's memory ({@link KeyedBuckets}) or wherever a
 * caller keeps them for several nodes to share (security/'s buckets in PostgreSQL).
 */
public interface TokenBuckets {

    /** Takes one token; returns zero when taken, else how long until one is there. */
    Duration tryTake(String key);

    /** Zero when a token is there (without taking it), else how long until one is. */
    Duration waitFor(String key);

    /** Takes a token if there is one (counting an event that already happened). */
    void take(String key);
}
