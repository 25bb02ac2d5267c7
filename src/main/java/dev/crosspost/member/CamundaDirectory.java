package dev.crosspost.member;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.crosspost.cluster.ClusterNotifications;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The directory kept in Camunda Admin: users are members, groups are teams, and a member's XMPP address and
 * phone number are Camunda user info ({@code xmpp}, {@code phone}), which count only while they are verified
 * ({@link AddressClaims}): an address a member set but did not confirm is not part of their {@link Member}.
 * <p>
 * Answers are remembered for {@code crosspost.directory.cache-ttl} (default 10 s; 0 turns it off): every request
 * asks who its member is, and each answer costs Camunda five queries. A change made through this node's engine
 * (Camunda Admin, the profile page) clears them at once here, and is announced on {@code crosspost_directory}
 * ({@link ClusterNotifications}), so every other node of a cluster clears them at once too. The TTL is only the
 * bound for changes made around Crosspost (SQL on Camunda's tables, a node whose notification was lost).
 */
@Component
class CamundaDirectory implements Directory {

    static final String XMPP = "xmpp";
    static final String PHONE = "phone";
    static final String CHANGES = "crosspost_directory";

    private final IdentityService identity;
    private final AddressClaims claims;
    private final ShortLivedCache<String, Optional<Member>> members;
    private final ShortLivedCache<String, Optional<Member>> membersByXmpp;
    private final ShortLivedCache<String, Boolean> teams;
    private final ShortLivedCache<String, Optional<String>> settings;

    CamundaDirectory(IdentityService identity, IdentityChanges changes, AddressClaims claims,
                     ClusterNotifications notifications, DirectoryProperties properties) {
        Duration ttl = properties.cacheTtl();
        this.identity = identity;
        this.claims = claims;
        this.members = new ShortLivedCache<>(ttl, 10_000, Clock.systemUTC());
        this.membersByXmpp = new ShortLivedCache<>(ttl, 10_000, Clock.systemUTC());
        this.teams = new ShortLivedCache<>(ttl, 10_000, Clock.systemUTC());
        this.settings = new ShortLivedCache<>(ttl, 10_000, Clock.systemUTC());
        changes.onChange(() -> {
            forget();
            notifications.publish(CHANGES, "changed");
        });
        notifications.listen(CHANGES, new ClusterNotifications.Listener() {
            @Override
            public void heard(String payload) {
                forget();
            }

            @Override
            public void missed() {
                forget();
            }
        });
    }

    private void forget() {
        members.clear();
        membersByXmpp.clear();
        teams.clear();
        settings.clear();
    }

    @Override
    public Optional<Member> member(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return members.get(id, key -> Optional.ofNullable(identity.createUserQuery().userId(key).singleResult())
                .map(this::toMember));
    }

    @Override
    public Optional<Member> memberByXmpp(String bareJid) {
        if (bareJid == null) {
            return Optional.empty();
        }
        return membersByXmpp.get(bareJid.toLowerCase(Locale.ROOT), this::verifiedXmpp);
    }

    /** The member who verified this address (and still has it in their profile). */
    private Optional<Member> verifiedXmpp(String wanted) {
        return claims.verifiedOwner(XMPP, wanted).flatMap(this::member)
                .filter(m -> wanted.equalsIgnoreCase(m.xmpp()));
    }

    @Override
    public boolean teamExists(String teamId) {
        return teamId != null && teams.get(teamId, key -> identity.createGroupQuery().groupId(key).count() > 0);
    }

    @Override
    public void updateProfile(String memberId, String xmpp, String phone) {
        if (xmpp != null) {
            identity.setUserInfo(memberId, XMPP, xmpp);
        }
        if (phone != null) {
            identity.setUserInfo(memberId, PHONE, phone);
        }
    }

    @Override
    public String setting(String memberId, String name) {
        return settings.get(memberId + "\u0000" + name,
                key -> Optional.ofNullable(emptyToNull(identity.getUserInfo(memberId, name)))).orElse(null);
    }

    @Override
    public void updateSetting(String memberId, String name, String value) {
        if (value == null) {
            identity.deleteUserInfo(memberId, name);
        } else {
            identity.setUserInfo(memberId, name, value);
        }
    }

    private Member toMember(User user) {
        List<Group> groups = identity.createGroupQuery().groupMember(user.getId()).list();
        var teamIds = groups.stream().map(Group::getId).collect(Collectors.toSet());
        String name = ((nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim());
        return new Member(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail(),
                verified(user.getId(), XMPP), verified(user.getId(), PHONE),
                teamIds, teamIds.contains(Groups.CAMUNDA_ADMIN));
    }

    /** The member's address of this kind when it is the one they verified; else {@code null}. */
    private String verified(String memberId, String kind) {
        String set = emptyToNull(identity.getUserInfo(memberId, kind));
        return set != null && claims.find(memberId, kind).filter(c -> c.isVerified()
                && c.address().equalsIgnoreCase(set)).isPresent() ? set : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
