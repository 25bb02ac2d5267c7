package dev.crosspost.webhook;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admins' page of webhooks (security lets admins only in; the API refuses everyone else too). */
@Controller
class HooksPage {

    @GetMapping("/hooks")
    String page() {
        return "forward:/hooks.html";
    }
}
