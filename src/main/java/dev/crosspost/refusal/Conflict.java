package dev.crosspost.refusal;

/** The request clashes with what is already there (a duplicate, an edit racing another). */
public class Conflict extends Refusal {

    public Conflict(String message) {
        super(message);
    }
}
