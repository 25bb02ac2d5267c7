package dev.crosspost.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.contact_addresses} table: each member's claimed addresses, pending codes, verified ones. */
@Repository
class AddressClaims {

    /** One member's claim of one kind of address ({@code xmpp} or {@code phone}). */
    record Claim(String memberId, String kind, String address, String codeHash, Instant codeSentAt, int attempts,
                 String verified) {

        boolean isVerified() {
            return address.equals(verified);
        }
    }

    private final JdbcClient jdbc;

    AddressClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claim> find(String memberId, String kind) {
        return jdbc.sql("select * from crosspost.contact_addresses where member_id = ? and kind = ?")
                .params(memberId, kind).query(AddressClaims::claim).optional();
    }

    /** The member whose verified address of this kind this is. */
    Optional<String> verifiedOwner(String kind, String address) {
        return jdbc.sql("select member_id from crosspost.contact_addresses where kind = ? and verified = ?")
                .params(kind, address).query(String.class).optional();
    }

    /** Pending (unverified) claims of this address, by whichever members made them. */
    List<Claim> pending(String kind, String address) {
        return jdbc.sql("""
                select * from crosspost.contact_addresses
                where kind = ? and address = ? and code_hash is not null""")
                .params(kind, address).query(AddressClaims::claim).list();
    }

    /** Records a new claim with its code (replacing what the member had of this kind, verified or not). */
    void claim(String memberId, String kind, String address, String codeHash, Instant sentAt) {
        int updated = jdbc.sql("""
                update crosspost.contact_addresses
                set address = ?, code_hash = ?, code_sent_at = ?, attempts = 0, verified = null, verified_at = null
                where member_id = ? and kind = ?""")
                .params(address, codeHash, Timestamp.from(sentAt), memberId, kind).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into crosspost.contact_addresses (member_id, kind, address, code_hash, code_sent_at, attempts)
                    values (?, ?, ?, ?, ?, 0)""")
                    .params(memberId, kind, address, codeHash, Timestamp.from(sentAt)).update();
        }
    }

    /** The code could not be sent: another may be asked for at once. */
    void unsent(String memberId, String kind) {
        jdbc.sql("update crosspost.contact_addresses set code_sent_at = null where member_id = ? and kind = ?")
                .params(memberId, kind).update();
    }

    /** One more wrong code. */
    void failedAttempt(String memberId, String kind) {
        jdbc.sql("update crosspost.contact_addresses set attempts = attempts + 1 where member_id = ? and kind = ?")
                .params(memberId, kind).update();
    }

    /**
     * The member confirmed the code: the address is theirs. Fails on the unique key when another member
     * verified the same address meanwhile.
     */
    void verify(String memberId, String kind, Instant at) {
        jdbc.sql("""
                update crosspost.contact_addresses
                set verified = address, verified_at = ?, code_hash = null, code_sent_at = null, attempts = 0
                where member_id = ? and kind = ?""")
                .params(Timestamp.from(at), memberId, kind).update();
    }

    /** The member removed the address. */
    void forget(String memberId, String kind) {
        jdbc.sql("delete from crosspost.contact_addresses where member_id = ? and kind = ?")
                .params(memberId, kind).update();
    }

    private static Claim claim(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("code_sent_at");
        return new Claim(rs.getString("member_id"), rs.getString("kind"), rs.getString("address"),
                rs.getString("code_hash"), sent == null ? null : sent.toInstant(), rs.getInt("attempts"),
                rs.getString("verified"));
    }
}
