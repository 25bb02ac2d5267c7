package dev.crosspost.moderation;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admins' page of removals (the API refuses everyone else). */
@Controller
class RemovalPage {

    @GetMapping("/removals")
    String page() {
        return "forward:/removals.html";
    }
}
