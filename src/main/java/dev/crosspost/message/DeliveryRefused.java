package dev.crosspost.message;

/**
 * Thrown by an {@link OutboundPort} when the receiving side refused a message for good (an SMS gateway's
 * 4xx: bad number, bad credentials): sending it again cannot help, so it is reported instead of retried.
 */
public class DeliveryRefused extends RuntimeException {

    public DeliveryRefused(String message) {
        super(message);
    }
}
