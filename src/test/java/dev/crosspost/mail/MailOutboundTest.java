package dev.crosspost.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.OutgoingMessage;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail port against a real SMTP server (GreenMail). */
class MailOutboundTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MailProperties properties = new MailProperties(true, "crosspost@example.org", "Crosspost", "[X]");

    private MailOutbound port() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        var beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        return new MailOutbound(properties, beans.getBeanProvider(JavaMailSender.class));
    }

    @Test
    void sendsPlainTextAndHtmlWithAStableMessageIdAndTheUnsubscribeHeaders() throws Exception {
        var message = new OutgoingMessage("out-1", "m-1", ChannelAddress.parse("shoutbox:team"), "alice", "Alice",
                "<b>hi</b>\nthere").withSubject("shoutbox:team: Alice")
                .withUnsubscribeUrl("https://crosspost.example.org/unsubscribe?s=1&t=abc");

        port().sendNow(ChannelAddress.parse("mail:bob@example.org"), message);
        port().sendNow(ChannelAddress.parse("mail:bob@example.org"), message);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo("<out-1@example.org>")
                .as("a retried send is recognisable").isEqualTo(received[1].getMessageID());
        assertThat(received[0].getSubject()).isEqualTo("[X] shoutbox:team: Alice");
        assertThat(received[0].getFrom()[0].toString()).contains("Alice via Crosspost").contains("crosspost@example.org");
        assertThat(received[0].getHeader("List-Unsubscribe"))
                .containsExactly("<https://crosspost.example.org/unsubscribe?s=1&t=abc>");
        assertThat(received[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(received[0]);
        assertThat(raw).contains("text/plain").contains("text/html").contains("&lt;b&gt;hi&lt;/b&gt;");
    }

    @Test
    void lineBreaksInSubjectOrDisplayNameAddNoHeader() throws Exception {
        var message = new OutgoingMessage("out-2", "m-2", null, "eve", "Eve\r\nBcc: x@y.test", "text")
                .withSubject("hello\r\nBcc: z@y.test\nX-Evil: 1");

        port().sendNow(ChannelAddress.parse("mail:bob@example.org"), message);

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Evil")).isNull();
        assertThat(received.getSubject()).isEqualTo("[X] hello Bcc: z@y.test X-Evil: 1");
        assertThat(received.getAllRecipients()).hasSize(1);
        assertThat(smtp.getReceivedMessagesForDomain("y.test")).isEmpty();
    }

    @Test
    void refusesAnythingButAPlainAddressAndIsSkippedWhenSwitchedOff() {
        assertThatThrownBy(() -> port().sendNow(ChannelAddress.parse("mail:not-an-address"),
                new OutgoingMessage("o", "m", null, null, null, "t"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> port().sendNow(ChannelAddress.parse("mail:a@b.test,c@d.test"),
                new OutgoingMessage("o", "m", null, null, null, "t"))).isInstanceOf(IllegalArgumentException.class);
        var off = new MailOutbound(new MailProperties(false, "a@b.test", "C", "[X]"),
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
        assertThat(off.unavailableReason()).contains("crosspost.mail.enabled");
    }
}
