package dev.crosspost.subscription;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of notification e-mails, usable without logging in. GET shows a confirmation button
 * (link scanners that fetch every URL must not unsubscribe anyone); POST unsubscribes: the button, or a mail
 * client's RFC 8058 one-click request ({@code List-Unsubscribe=One-Click}). A forged or altered link gets 403,
 * a used one 410.
 */
@Controller
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;

    UnsubscribeController(UnsubscribeLinks links, SubscriptionService subscriptions, SubscriptionStore store) {
        this.links = links;
        this.subscriptions = subscriptions;
        this.store = store;
    }

    @GetMapping("/unsubscribe")
    ResponseEntity<String> confirm(@RequestParam(name = "s", required = false) String ids,
                                   @RequestParam(name = "t", required = false) String token) {
        List<String> verified = links.verify(ids, token);
        if (verified.isEmpty()) {
            return forged();
        }
        List<Subscription> existing = verified.stream().flatMap(id -> store.find(id).stream()).toList();
        if (existing.isEmpty()) {
            return gone();
        }
        String form = "<form method=\"post\" action=\"/unsubscribe?s=" + HtmlUtils.htmlEscape(ids) + "&amp;t="
                + HtmlUtils.htmlEscape(token) + "\"><button type=\"submit\">Unsubscribe</button></form>";
        return page(HttpStatus.OK, "Stop these notifications?", "You will no longer be notified of "
                + describe(existing) + ".", form);
    }

    @PostMapping("/unsubscribe")
    ResponseEntity<String> unsubscribe(@RequestParam(name = "s", required = false) String ids,
                                       @RequestParam(name = "t", required = false) String token) {
        List<String> verified = links.verify(ids, token);
        if (verified.isEmpty()) {
            return forged();
        }
        List<Subscription> ended = subscriptions.unsubscribeByLink(verified);
        if (ended.isEmpty()) {
            return gone();
        }
        return page(HttpStatus.OK, "Unsubscribed", "You will no longer be notified of " + describe(ended) + ".", "");
    }

    private static String describe(List<Subscription> subscriptions) {
        return subscriptions.stream().map(s -> s.channel() + " by " + s.method().id())
                .collect(Collectors.joining(", "));
    }

    private static ResponseEntity<String> forged() {
        return page(HttpStatus.FORBIDDEN, "This link is not valid",
                "The unsubscribe link was changed or is incomplete. Use the link from the e-mail as it is, or "
                        + "manage your subscriptions after logging in.", "");
    }

    private static ResponseEntity<String> gone() {
        return page(HttpStatus.GONE, "Already unsubscribed", "This link was used already; nothing more to do.", "");
    }

    /** {@code title} and {@code text} are escaped; {@code trustedHtml} is built here from escaped parts. */
    private static ResponseEntity<String> page(HttpStatus status, String title, String text, String trustedHtml) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"description\" content=\"Stop the notifications of a Crosspost subscription.\">"
                + "<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\"><title>"
                + HtmlUtils.htmlEscape(title) + " · Crosspost</title><link rel=\"stylesheet\" href=\"/css/crosspost.css\">"
                + "</head><body><main><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(text)
                + "</p>" + trustedHtml + "<p><a href=\"/subscriptions\">Manage your subscriptions</a></p></main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }
}
