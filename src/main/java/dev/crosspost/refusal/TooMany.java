package dev.crosspost.refusal;

/** More than one may have or do at once (open live streams, say); trying again later, or after closing one, works. */
public class TooMany extends Refusal {

    public TooMany(String message) {
        super(message);
    }
}
