package dev.crosspost.shoutbox;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The shoutbox page: a small hand-written page that talks to the JSON API and the live stream. */
@Controller
class ShoutboxPage {

    @GetMapping("/shoutbox/{box}")
    String page(@PathVariable String box) {
        return "forward:/shoutbox.html";
    }
}
