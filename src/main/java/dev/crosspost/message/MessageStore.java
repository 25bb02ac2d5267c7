package dev.crosspost.message;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code crosspost.messages} table: every message that entered, unique on channel + external id. */
@Repository
class MessageStore implements MessageLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dedup look-up of every accepted message: channel, external id (through its unique index: V5, V38). */
    static final String FIND = """
            select id, process_instance_id from crosspost.messages where channel = ? and external_id = ?""";

    /** The look-up of a message a change names (a chat client's correction or retraction): channel, ref 3 times. */
    static final String WRITTEN = """
            select id, author_address from crosspost.messages
             where channel = ? and (external_id = ? or wire_id = ? or origin_id = ?)
             order by received_at desc""";

    Optional<Acceptance> find(ChannelAddress channel, String externalId) {
        return jdbc.sql(FIND)
                .params(channel.toString(), externalId)
                .query((rs, n) -> new Acceptance(rs.getString(1), rs.getString(2), true))
                .optional();
    }

    @Override
    public Optional<Instant> receivedAt(String messageId) {
        return jdbc.sql("select received_at from crosspost.messages where id = ?")
                .param(messageId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    @Override
    public Optional<Instant> newestOn(ChannelAddress channel) {
        return jdbc.sql("select max(received_at) from crosspost.messages where channel = ?")
                .param(channel.toString())
                .query((rs, n) -> rs.getTimestamp(1))
                .optional().map(Timestamp::toInstant);
    }

    @Override
    public Set<String> knownExternalIds(ChannelAddress channel, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(
                        "select external_id from crosspost.messages where channel = :channel and external_id in (:ids)")
                .param("channel", channel.toString()).param("ids", List.copyOf(externalIds))
                .query(String.class).list());
    }

    @Override
    public Optional<String> externalId(String messageId) {
        return jdbc.sql("select external_id from crosspost.messages where id = ?")
                .param(messageId).query(String.class).optional();
    }

    @Override
    public Optional<String> text(String messageId) {
        return jdbc.sql("select text from crosspost.messages where id = ?").param(messageId).query(String.class)
                .optional();
    }

    @Override
    public Map<String, String> attributes(String messageId) {
        return jdbc.sql("select attributes from crosspost.messages where id = ?").param(messageId)
                .query(String.class).optional().map(MessageStore::fromJson).orElse(Map.of());
    }

    @Override
    public Optional<Written> written(ChannelAddress channel, String ref, String author) {
        return jdbc.sql(WRITTEN).params(channel.toString(), ref, ref, ref)
                .query((rs, n) -> new Written(rs.getString(1), rs.getString(2))).list().stream()
                // a stranger may have used the same id for a line of their own: the author's line first
                .sorted(Comparator.comparing((Written w) -> !author.equalsIgnoreCase(String.valueOf(w.authorAddress()))))
                .findFirst();
    }

    /** Inserts the message with the process that handles it ({@code null}: unrouted). */
    void insert(IncomingMessage m, String processInstanceId) {
        Map<String, String> a = m.attributes();
        jdbc.sql("""
                insert into crosspost.messages (id, channel, external_id, sender, sender_name, text, origin,
                    received_at, process_instance_id, attributes, wire_id, origin_id, author_address)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.channel().toString(), m.externalId(), m.sender(), m.senderName(), m.text(),
                        m.origin(), Timestamp.from(m.receivedAt()), processInstanceId, toJson(a), a.get(WIRE_ID),
                        a.get(ORIGIN_ID), a.get(AUTHOR_ADDRESS))
                .update();
    }

    private static String toJson(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message attributes as JSON", e); // a map of strings always is
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            return Map.of(); // written by toJson; unreadable only if edited by hand
        }
    }

    /** Per channel: messages kept, unrouted, the newest's time, and those received since each of two times. */
    List<ChannelCounts> counts(Instant hourAgo, Instant dayAgo) {
        return jdbc.sql("""
                select channel, count(*), sum(case when process_instance_id is null then 1 else 0 end), max(received_at),
                       sum(case when received_at >= :hour then 1 else 0 end),
                       sum(case when received_at >= :day then 1 else 0 end),
                       sum(case when received_at >= :day and process_instance_id is null then 1 else 0 end)
                  from crosspost.messages group by channel""")
                .param("hour", Timestamp.from(hourAgo)).param("day", Timestamp.from(dayAgo))
                .query((rs, n) -> new ChannelCounts(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)))
                .list();
    }

    /** The process instance of each of these messages that has one. */
    Map<String, String> flowsOf(Collection<String> messageIds) {
        return jdbc.sql("select id, process_instance_id from crosspost.messages where id in (:ids)"
                        + " and process_instance_id is not null")
                .param("ids", messageIds)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Deletes up to {@code batch} messages received before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int batch) {
        return jdbc.sql("""
                delete from crosspost.messages where id in
                    (select id from crosspost.messages where received_at < ? limit ?)""")
                .params(Timestamp.from(cutoff), batch)
                .update();
    }
}
