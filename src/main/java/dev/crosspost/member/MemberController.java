package dev.crosspost.member;

import java.util.List;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in member. (Profiles: {@link ProfileController}.) */
@RestController
class MemberController {

    record Me(String id, String name, List<String> teams, boolean admin, Csrf csrf) {
    }

    /** What the pages need to send the session's CSRF token. */
    record Csrf(String headerName, String parameterName, String token) {
    }

    @GetMapping("/api/me")
    Me me(Member member, CsrfToken csrf) {
        return new Me(member.id(), member.name(), member.teams().stream().filter(t -> !t.equals("camunda-admin"))
                .sorted().toList(), member.admin(),
                csrf == null ? null : new Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()));
    }
}
