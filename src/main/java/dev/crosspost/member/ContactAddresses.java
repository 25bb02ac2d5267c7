package dev.crosspost.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.Delivery;
import dev.crosspost.message.OutgoingMessage;
import dev.crosspost.message.SendCap;
import dev.crosspost.message.outbox.Outbox;
import dev.crosspost.refusal.Invalid;
import dev.crosspost.refusal.TooMany;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A member's contact addresses and their confirmation. Setting an XMPP address sends a one-time code there (a
 * direct message from the bot), setting a phone number sends one by SMS; the address counts (the
 * {@link Member#xmpp()} and {@link Member#phone()} everyone else sees) only once the member gives the code back,
 * through the API or by telling the bot {@code !verify CODE}. An address is at most one member's, and the bot's,
 * its rooms' and the conference services' addresses are no one's ({@link ReservedAddresses}).
 */
@Service
public class ContactAddresses {

    private static final Logger log = LoggerFactory.getLogger(ContactAddresses.class);
    /** Camunda keeps user info in 255 characters. */
    static final int MAX_LENGTH = 255;
    private static final Pattern BARE_JID = Pattern.compile("[^@/\\s\"&'<>:\\p{Cntrl}]{1,64}@[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    /** The two kinds of address: its name as Camunda user info, and the channel kind a code goes out on. */
    public enum Kind {
        XMPP("xmpp", "xmpp"), PHONE("phone", "sms");

        private final String id;
        private final String channelKind;

        Kind(String id, String channelKind) {
            this.id = id;
            this.channelKind = channelKind;
        }

        public String id() {
            return id;
        }
    }

    /** One address as its member sees it: what they set, whether it counts, whether a code is out. */
    public record State(String address, boolean verified, boolean codePending) {
    }

    private final Directory directory;
    private final AddressClaims claims;
    private final ObjectProvider<ReservedAddresses> reserved;
    private final Outbox outbox;
    private final IdentityChanges changes;
    private final AddressChanges addressChanges;
    private final VerificationProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ContactAddresses(Directory directory, AddressClaims claims, ObjectProvider<ReservedAddresses> reserved,
                     Outbox outbox, IdentityChanges changes, AddressChanges addressChanges,
                     VerificationProperties properties) {
        this.directory = directory;
        this.claims = claims;
        this.reserved = reserved;
        this.outbox = outbox;
        this.changes = changes;
        this.addressChanges = addressChanges;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** The member's address of this kind as they set it, with its verification state (empty: none set). */
    public Optional<State> state(String memberId, Kind kind) {
        return claims.find(memberId, kind.id).map(c -> new State(c.address(), c.isVerified(),
                c.codeHash() != null && !expired(c)));
    }

    /**
     * Sets the member's address of this kind ({@code ""} removes it). A new address gets a code; the same address
     * again gets a new code when the last one is older than {@code crosspost.verification.resend-after}.
     *
     * @return what was done, for the member to read (e.g. {@code a code was sent to xmpp:alice@example.org})
     * @throws Invalid why the address cannot be the member's
     * @throws TooMany  when the code would be over the cap of sends per hour to the address
     *                  ({@code crosspost.sms.max-per-hour}): nothing is changed, and the member is told when to try
     */
    public String set(String memberId, Kind kind, String raw) {
        if (raw.isEmpty()) {
            directory.updateProfile(memberId, kind == Kind.XMPP ? "" : null, kind == Kind.PHONE ? "" : null);
            claims.forget(memberId, kind.id);
            changes.changed();
            return kind.id + " removed";
        }
        String address = valid(memberId, kind, raw);
        Optional<AddressClaims.Claim> before = claims.find(memberId, kind.id);
        if (before.filter(c -> c.address().equals(address) && c.isVerified()).isPresent()) {
            return kind.id + " " + address + " is verified already";
        }
        Instant now = clock.instant();
        if (before.filter(c -> c.address().equals(address) && c.codeSentAt() != null
                && c.codeSentAt().plus(properties.resendAfter()).isAfter(now)).isPresent()) {
            throw new Invalid("a code was sent to " + address + " less than " + properties.resendAfter().toSeconds()
                    + " s ago; wait for it, or try again later");
        }
        refuseOverCap(ChannelAddress.of(kind.channelKind, address));
        String code = "%06d".formatted(random.nextInt(1_000_000));
        directory.updateProfile(memberId, kind == Kind.XMPP ? address : null, kind == Kind.PHONE ? address : null);
        claims.claim(memberId, kind.id, address, hash(memberId, kind, code), now);
        changes.changed();
        return send(memberId, kind, address, code);
    }

    /**
     * Confirms a code the member got, for whichever of their addresses it was sent to.
     *
     * @return the kind of address now verified
     * @throws Invalid when the code is wrong, expired or used up
     */
    public Kind verify(String memberId, String rawCode) {
        String code = rawCode == null ? "" : rawCode.strip();
        if (!CODE.matcher(code).matches()) {
            throw new Invalid("a code is six digits, as in the message we sent");
        }
        List<AddressClaims.Claim> pending = List.of(Kind.values()).stream()
                .flatMap(k -> claims.find(memberId, k.id).stream()).filter(c -> c.codeHash() != null).toList();
        if (pending.isEmpty()) {
            throw new Invalid("no address of yours waits for a code; set one on your profile first");
        }
        for (AddressClaims.Claim claim : pending) {
            if (matches(claim, code)) {
                return confirm(claim);
            }
        }
        pending.forEach(c -> claims.failedAttempt(memberId, c.kind()));
        throw new Invalid("wrong or expired code; set the address again for a new one");
    }

    /**
     * {@code !verify CODE} said by {@code bareJid}: confirms the claim of that XMPP address whose code it is.
     *
     * @return the member whose address it now is, or empty when no pending claim of the address has this code
     */
    public Optional<String> verifyXmpp(String bareJid, String rawCode) {
        String code = rawCode == null ? "" : rawCode.strip();
        if (bareJid == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        for (AddressClaims.Claim claim : claims.pending(Kind.XMPP.id, bareJid.toLowerCase(Locale.ROOT))) {
            if (matches(claim, code)) {
                confirm(claim);
                return Optional.of(claim.memberId());
            }
            claims.failedAttempt(claim.memberId(), claim.kind());
        }
        return Optional.empty();
    }

    private Kind confirm(AddressClaims.Claim claim) {
        Kind kind = claim.kind().equals(Kind.XMPP.id) ? Kind.XMPP : Kind.PHONE;
        try {
            claims.verify(claim.memberId(), claim.kind(), clock.instant());
        } catch (DuplicateKeyException taken) {
            throw new Invalid(claim.address() + " was confirmed by another member first");
        }
        changes.changed();
        log.info("member {} verified their {} address", claim.memberId(), kind.id);
        if (kind == Kind.XMPP) {
            // every node hears it: only the one holding the chat bot can ask the new address for its presence
            addressChanges.changed(claim.memberId(), claim.address());
        }
        return kind;
    }

    private boolean matches(AddressClaims.Claim claim, String code) {
        return claim.codeHash() != null && !expired(claim) && claim.attempts() < properties.maxAttempts()
                && MessageDigest.isEqual(claim.codeHash().getBytes(StandardCharsets.US_ASCII),
                hash(claim.memberId(), claim.kind().equals(Kind.XMPP.id) ? Kind.XMPP : Kind.PHONE, code)
                        .getBytes(StandardCharsets.US_ASCII));
    }

    private boolean expired(AddressClaims.Claim claim) {
        // a code that could not be sent has no time; it is void as well
        return claim.codeSentAt() == null || claim.codeSentAt().plus(properties.codeTtl()).isBefore(clock.instant());
    }

    private String valid(String memberId, Kind kind, String raw) {
        if (raw.length() > MAX_LENGTH) {
            throw new Invalid(kind.id + " must be at most " + MAX_LENGTH + " characters");
        }
        String address = kind == Kind.XMPP ? raw.strip().toLowerCase(Locale.ROOT) : raw.strip();
        if (kind == Kind.XMPP && !BARE_JID.matcher(address).matches()) {
            throw new Invalid("xmpp must be a bare address like alice@example.org");
        }
        if (kind == Kind.PHONE && !PHONE.matcher(address).matches()) {
            throw new Invalid("phone must be in international format, like +15551234567");
        }
        if (kind == Kind.XMPP) {
            ReservedAddresses rules = reserved.getIfAvailable();
            Optional<String> why = rules == null ? Optional.empty() : rules.reserved(address);
            if (why.isPresent()) {
                throw new Invalid(address + " cannot be a member's address: " + why.get());
            }
        }
        Optional<String> owner = claims.verifiedOwner(kind.id, address);
        if (owner.isPresent() && !owner.get().equals(memberId)) {
            throw new Invalid(address + " is another member's verified " + kind.id + " address");
        }
        return address;
    }

    /**
     * Refuses outright a code the outbox would skip for its cap, before anything is changed: a member who sets a
     * number again and again (or many members one number) cannot run up an SMS bill, and is told why they get no
     * code. The outbox checks the same cap again when the code is sent.
     */
    private void refuseOverCap(ChannelAddress target) {
        Optional<SendCap.OverCap> over = outbox.overCap(target);
        if (over.isPresent()) {
            long minutes = Math.max(1, (over.get().retryAfter().toSeconds() + 59) / 60);
            throw new TooMany("no code was sent to " + target.name() + ": " + over.get().reason() + "; try again in "
                    + minutes + (minutes == 1 ? " minute" : " minutes"), over.get().retryAfter());
        }
    }

    private String send(String memberId, Kind kind, String address, String code) {
        String text = kind == Kind.XMPP
                ? "Your Crosspost code is " + code + ". To confirm that " + address + " is yours, tell me: !verify "
                        + code + " (or enter the code on your profile). Valid " + properties.codeTtl().toMinutes()
                        + " minutes. If you did not ask for it, ignore this message."
                : "Crosspost code: " + code + " (valid " + properties.codeTtl().toMinutes() + " min)";
        String id = UUID.randomUUID().toString();
        ChannelAddress target = ChannelAddress.of(kind.channelKind, address);
        try {
            Delivery delivery = outbox.send(target, new OutgoingMessage(id, "verification-" + id, null, "crosspost",
                    "Crosspost", text));
            // QUEUED: an outbox row, sent right after this request commits (and retried through an outage)
            if (delivery.status() != Delivery.Status.SKIPPED) {
                return "a code was sent to " + target + "; confirm it to make the address count";
            }
            claims.unsent(memberId, kind.id);
            return "no code could be sent to " + target + " (" + delivery.reason() + "); the address does not count";
        } catch (RuntimeException e) {
            log.warn("verification code for member {} not sent to {}: {}", memberId, target, e.toString());
            claims.unsent(memberId, kind.id);
            return "the code could not be sent to " + target + " just now; set the address again in a minute";
        }
    }

    private static String hash(String memberId, Kind kind, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((memberId + "\u0000" + kind.id + "\u0000" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
