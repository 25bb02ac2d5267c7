package dev.crosspost.sms;

import java.net.http.HttpClient;
import java.util.regex.Pattern;

import dev.crosspost.message.ChannelAddress;
import dev.crosspost.message.ChannelOutage;
import dev.crosspost.message.DeliveryRefused;
import dev.crosspost.message.BlockingPort;
import dev.crosspost.message.OutgoingMessage;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends to {@code sms:<number>} (international format, {@code +15551234567}) through a Twilio-style
 * gateway: form fields {@code To}, {@code From}, {@code Body}, HTTP Basic account SID : token, and an
 * {@code Idempotency-Key} (also as Twilio's {@code I-Twilio-Idempotency-Token}) derived from the outgoing id,
 * so a gateway that honours it drops a retried send. A 4xx answer is {@link DeliveryRefused} (reported, not
 * retried); a 5xx, a timeout or no connection throws, so the outbox retries the send. At most
 * {@code crosspost.sms.max-per-hour} SMS go to one number within an hour ({@link SmsCap}): the outbox skips the rest.
 */
@Component
class SmsOutbound extends BlockingPort {

    static final String KIND = "sms";
    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SmsProperties properties;
    private final RestClient http;

    SmsOutbound(SmsProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        var client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        var factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.timeout());
        this.http = builder.requestFactory(factory).build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String unavailableReason() {
        if (!properties.enabled()) {
            return "SMS is switched off (crosspost.sms.enabled=false)";
        }
        String missing = properties.missing();
        return missing == null ? null : "SMS gateway not configured: " + missing + " is empty";
    }

    @Override
    protected void sendNow(ChannelAddress target, OutgoingMessage message) {
        if (!NUMBER.matcher(target.name()).matches()) {
            throw new IllegalArgumentException("'" + target.name() + "' is not a phone number like +15551234567");
        }
        var form = new LinkedMultiValueMap<String, String>();
        form.add("To", target.name());
        form.add("From", properties.from());
        form.add("Body", SmsText.cut(message.text(), properties.maxLength()));
        try {
            http.post()
                    .uri(properties.baseUrl() + "/Accounts/{sid}/Messages.json", properties.accountSid())
                    .headers(h -> h.setBasicAuth(properties.accountSid(), properties.authToken()))
                    .header("Idempotency-Key", message.id())
                    .header("I-Twilio-Idempotency-Token", message.id())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpClientErrorException refused) {
            throw new DeliveryRefused("the SMS gateway refused the message to " + target.name() + ": "
                    + refused.getStatusCode().value() + " " + abbreviate(refused.getResponseBodyAsString()));
        } catch (HttpServerErrorException | ResourceAccessException outage) {
            throw new ChannelOutage("the SMS gateway did not take the message to " + target.name() + " now: "
                    + outage.getMessage(), outage);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
