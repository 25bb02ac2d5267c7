package dev.crosspost.message;

/**
 * Wakes the dispatchers when a send nobody holds is due now (a send handed back by a Retry on a node that does not
 * send its kind), so that the node that sends it claims it at once instead of at its next poll.
 */
interface OutboxNudge {

    /** Called in the transaction that handed the send back: the dispatchers hear of it once that commits. */
    void handedBack();
}
