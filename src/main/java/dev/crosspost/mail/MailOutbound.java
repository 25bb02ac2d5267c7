package dev.crosspost.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends to {@code mail:<address>} through Spring Mail: a plain-text body with an HTML alternative, a
 * Message-ID derived from the outgoing id (a retried send carries the same one), and, for notifications,
 * an unsubscribe link in the body plus {@code List-Unsubscribe} / {@code List-Unsubscribe-Post} (RFC 8058).
 * Header values built from user text go through {@link HeaderText}. An SMTP failure throws, so the outbox
 * retries the send; a malformed address is an {@link IllegalArgumentException}.
 */
@Component
class MailOutbound extends BlockingPort {

    static final String KIND = "mail";

    private final MailProperties properties;
    private final ObjectProvider<JavaMailSender> sender;

    MailOutbound(MailProperties properties, ObjectProvider<JavaMailSender> sender) {
        this.properties = properties;
        this.sender = sender;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String unavailableReason() {
        if (!properties.enabled()) {
            return "mail is switched off (crosspost.mail.enabled=false)";
        }
        if (sender.getIfAvailable() == null) {
            return "no SMTP server configured (spring.mail.host)";
        }
        return null;
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        InternetAddress to = address(target.name());
        JavaMailSender mail = sender.getObject();
        MimeMessage mime = new StableIdMimeMessage(mail.createMimeMessage().getSession(),
                "<" + message.id() + "@" + properties.domain() + ">");
        try {
            var helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setTo(to);
            helper.setFrom(properties.from(), HeaderText.clean(fromName(message), 200));
            helper.setSubject(HeaderText.clean(subject(message), 250));
            helper.setText(plain(message), html(message));
            if (message.unsubscribeUrl() != null) {
                String url = HeaderText.clean(message.unsubscribeUrl(), 2000);
                mime.setHeader("List-Unsubscribe", "<" + url + ">");
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mime.setHeader("Auto-Submitted", "auto-generated");
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("could not build the mail for " + target, e);
        }
        try {
            mail.send(mime);
        } catch (MailSendException e) {
            // the SMTP server is away or refused for now: retried, and logged as an outage
            throw new ChannelOutage("could not send the mail to " + target.name() + ": " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String raw) {
        try {
            var address = new InternetAddress(raw, true);
            if (address.getPersonal() != null || !raw.equals(address.getAddress())) {
                throw new AddressException("only a plain address is allowed", raw);
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + raw + "' is not an e-mail address");
        }
    }

    private String fromName(OutgoingMessage m) {
        return m.senderName() == null || m.senderName().isBlank() ? properties.fromName()
                : m.senderName() + " via " + properties.fromName();
    }

    private String subject(OutgoingMessage m) {
        if (m.subject() != null && !m.subject().isBlank()) {
            return properties.subjectPrefix() + " " + m.subject();
        }
        String firstLine = m.text().strip().lines().findFirst().orElse("");
        String where = m.originChannel() == null ? "" : m.originChannel() + " ";
        return properties.subjectPrefix() + " " + where + firstLine;
    }

    private static String plain(OutgoingMessage m) {
        if (m.unsubscribeUrl() == null) {
            return m.text();
        }
        return m.text() + "\n\n-- \nStop these messages: " + m.unsubscribeUrl() + "\n";
    }

    private static String html(OutgoingMessage m) {
        StringBuilder html = new StringBuilder("<!doctype html><html><body><pre style=\"white-space:pre-wrap;"
                + "font-family:sans-serif\">").append(HtmlUtils.htmlEscape(m.text())).append("</pre>");
        if (m.unsubscribeUrl() != null) {
            html.append("<p style=\"font-size:small\"><a href=\"").append(HtmlUtils.htmlEscape(m.unsubscribeUrl()))
                    .append("\">Stop these messages</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    /** Jakarta Mail replaces the Message-ID on every save; this one keeps the stable id. */
    private static final class StableIdMimeMessage extends MimeMessage {

        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
