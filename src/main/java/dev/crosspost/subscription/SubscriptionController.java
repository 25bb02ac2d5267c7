package dev.crosspost.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.crosspost.member.Directory;
import dev.crosspost.member.Member;
import dev.crosspost.refusal.Invalid;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The logged-in member's subscriptions: JSON API and the page {@code /subscriptions}. */
@Controller
class SubscriptionController {

    private final SubscriptionService subscriptions;
    private final Directory directory;

    SubscriptionController(SubscriptionService subscriptions, Directory directory) {
        this.subscriptions = subscriptions;
        this.directory = directory;
    }

    record SubscriptionView(String id, String channel, @Schema(allowableValues = {"xmpp", "mail", "sms"}) String method,
                            @Schema(allowableValues = {"immediate", "hourly", "daily", "weekly"}) String interval,
                            Instant created) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.channel(), s.method().id(), s.interval().id(), s.createdAt());
        }
    }

    record NewSubscription(@Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, example = "shoutbox:team")
                           String channel,
                           @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"xmpp", "mail", "sms"})
                           String method,
                           @Schema(allowableValues = {"immediate", "hourly", "daily", "weekly"},
                                   defaultValue = "immediate") String interval) {
    }

    /** {@code xmppOffline}: {@code send} (the server keeps it) or {@code mail} (e-mail instead). */
    record Settings(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"send", "mail"})
                    String xmppOffline) {
    }

    @GetMapping("/api/subscriptions")
    @ResponseBody
    List<SubscriptionView> list(Member member) {
        return subscriptions.of(member).stream().map(SubscriptionView::of).toList();
    }

    @PostMapping("/api/subscriptions")
    @ResponseBody
    ResponseEntity<SubscriptionView> subscribe(@RequestBody NewSubscription body, Member member) {
        if (body == null || body.channel() == null || body.channel().isBlank()) {
            throw new Invalid("field 'channel' is required, e.g. shoutbox:team");
        }
        if (body.method() == null) {
            throw new Invalid("field 'method' is required: xmpp, mail or sms");
        }
        Subscription s = subscriptions.subscribe(member, body.channel(), body.method(), body.interval());
        return ResponseEntity.created(URI.create("/api/subscriptions/" + s.id())).body(SubscriptionView.of(s));
    }

    @DeleteMapping("/api/subscriptions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResponseBody
    void unsubscribe(@PathVariable String id, Member member) {
        subscriptions.unsubscribe(member, id);
    }

    @GetMapping("/api/subscriptions/settings")
    @ResponseBody
    Settings settings(Member member) {
        String value = directory.setting(member.id(), Targets.XMPP_OFFLINE);
        return new Settings(value == null ? Targets.OFFLINE_SEND : value);
    }

    @PutMapping("/api/subscriptions/settings")
    @ResponseBody
    Settings updateSettings(@RequestBody Settings body, Member member) {
        String value = body == null ? null : body.xmppOffline();
        if (!Targets.OFFLINE_SEND.equals(value) && !Targets.OFFLINE_MAIL.equals(value)) {
            throw new Invalid("xmppOffline must be 'send' or 'mail'");
        }
        directory.updateSetting(member.id(), Targets.XMPP_OFFLINE, value);
        return new Settings(value);
    }

    @GetMapping("/subscriptions")
    String page() {
        return "forward:/subscriptions.html";
    }
}
