package dev.crosspost.member;

import java.util.Optional;

/** Members and teams. Teams are the directory's groups; every team has one shoutbox named after it. */
public interface Directory {

    Optional<Member> member(String id);

    /** The member whose verified XMPP address this is (bare JID, compared case-insensitively). */
    Optional<Member> memberByXmpp(String bareJid);

    boolean teamExists(String teamId);

    /**
     * Stores the member's XMPP address and phone number as they set them; {@code null} leaves a value as it is.
     * They count once verified ({@link ContactAddresses}).
     */
    void updateProfile(String memberId, String xmpp, String phone);

    /** A member's personal setting (kept beside the profile), or {@code null} when not set. */
    default String setting(String memberId, String name) {
        return null;
    }

    /** Stores a member's personal setting; {@code null} removes it. */
    default void updateSetting(String memberId, String name, String value) {
        throw new UnsupportedOperationException("this directory keeps no settings");
    }
}
