package dev.crosspost.sms;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.sms.*}: an SMS gateway with the Twilio-style API
 * ({@code POST {base-url}/Accounts/{account-sid}/Messages.json}).
 *
 * @param enabled    whether {@code sms:} channels send; off, sends are recorded as skipped
 * @param baseUrl    the gateway's API root, e.g. {@code https://api.twilio.com/2010-04-01}
 * @param accountSid the account SID (HTTP Basic user)
 * @param authToken  the auth token (HTTP Basic password); never logged
 * @param from       the sending number or sender id
 * @param maxLength  the longest text sent, in characters; longer texts are cut and end in "..."
 *                   (160 = one GSM-7 segment)
 * @param timeout    connect and read timeout; a timeout is retried like a 5xx
 * @param maxPerHour at most this many SMS to one number within any hour (notifications and verification codes
 *                   alike; 0: no cap). Counted over the outbox table, so it holds across nodes; over it, a send is
 *                   skipped with the reason, and a verification code is refused with 429
 */
@Validated
@ConfigurationProperties("crosspost.sms")
record SmsProperties(@DefaultValue("false") boolean enabled,
                     @DefaultValue("https://api.twilio.com/2010-04-01") String baseUrl,
                     String accountSid,
                     String authToken,
                     String from,
                     @DefaultValue("160") @Min(10) @Max(1600) int maxLength,
                     @DefaultValue("10s") Duration timeout,
                     @DefaultValue("10") @Min(0) int maxPerHour) {

    /** What is missing for sending, or {@code null}. */
    String missing() {
        if (blank(baseUrl)) {
            return "crosspost.sms.base-url";
        }
        if (blank(accountSid)) {
            return "crosspost.sms.account-sid";
        }
        if (blank(authToken)) {
            return "crosspost.sms.auth-token";
        }
        return blank(from) ? "crosspost.sms.from" : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
