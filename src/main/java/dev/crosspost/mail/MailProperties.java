package dev.crosspost.mail;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.mail.*}; the SMTP server itself is Spring Boot's {@code spring.mail.*} (host, port,
 * username, password, properties).
 *
 * @param enabled        whether {@code mail:} channels send; off, sends are recorded as skipped
 * @param from           the sender address of every mail Crosspost sends
 * @param fromName       the display name beside it; the original author's name is put in front of it
 * @param subjectPrefix  put before every subject
 */
@Validated
@ConfigurationProperties("crosspost.mail")
record MailProperties(@DefaultValue("false") boolean enabled,
                      @DefaultValue("crosspost@localhost") @NotBlank String from,
                      @DefaultValue("Crosspost") String fromName,
                      @DefaultValue("[Crosspost]") String subjectPrefix) {

    /** The domain part of {@link #from}, used for Message-IDs. */
    String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 || at == from.length() - 1 ? "crosspost.local" : from.substring(at + 1);
    }
}
