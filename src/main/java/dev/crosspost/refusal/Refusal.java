package dev.crosspost.refusal;

/**
 * Crosspost will not do what was asked, for a reason the person who asked can act on: the message is written
 * for them. Services throw one of the kinds below; the HTTP edge ({@code web/}) turns the kind into a status,
 * the bot words it for chat.
 * <p>
 * An {@link IllegalArgumentException}, so that callers which only need "refused, tell the person why" (the
 * bot's commands, a service task turning bad input into a BPMN error) catch every kind at once.
 */
public abstract class Refusal extends IllegalArgumentException {

    protected Refusal(String message) {
        super(message);
    }
}
