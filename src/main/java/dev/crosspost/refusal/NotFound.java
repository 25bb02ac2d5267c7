package dev.crosspost.refusal;

/** What was named does not exist, or the person may not know that it does. */
public class NotFound extends Refusal {

    public NotFound(String message) {
        super(message);
    }
}
