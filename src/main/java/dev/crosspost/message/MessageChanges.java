package dev.crosspost.message;

/**
 * A message that was already taken in changed afterwards: its author (or a moderator) corrected or removed it. The
 * change follows the message everywhere its queue sent it, where the channel can take it: a correction (XEP-0308)
 * or a retraction (XEP-0424) of the line the bot said in a room or a direct message, the shout a room line became.
 * Mail, SMS and IM notifications already sent stay as they were. A change is not a new message: the queue does not
 * run again.
 * <p>
 * Called in the caller's transaction, by the feature where the change was made (a shout edited on the page, a line
 * corrected in the room); the sends it causes are outbox rows of that transaction, each on the lane of the send it
 * changes, so a correction is never said before the line it corrects.
 */
public interface MessageChanges {

    /** Message {@code messageId} now reads {@code newText}: every copy of it that can be corrected is. */
    void edited(String messageId, String newText);

    /** Message {@code messageId} was removed: every copy of it that can be taken back is. */
    void removed(String messageId);
}
