package dev.crosspost.refusal;

/** The person may not do this (not in the team, not the author, not an admin). */
public class Forbidden extends Refusal {

    public Forbidden(String message) {
        super(message);
    }
}
