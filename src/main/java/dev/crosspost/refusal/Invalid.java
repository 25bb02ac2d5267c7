package dev.crosspost.refusal;

/** The request itself is wrong: a missing or malformed field, a value out of range. */
public class Invalid extends Refusal {

    public Invalid(String message) {
        super(message);
    }
}
