package dev.crosspost.cluster;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For the channel overview (admins): this node, its role and the node that holds the chat bot. */
@RestController
class ClusterController {

    private final Leadership leadership;

    ClusterController(Leadership leadership) {
        this.leadership = leadership;
    }

    record Node(String node, String role, @Nullable String botHolder, String since, long failovers) {
    }

    @Operation(summary = "Which node holds the chat bot, and this node's role")
    @GetMapping("/api/channels/cluster")
    Node node() {
        var s = leadership.status();
        return new Node(s.node(), s.role().label(), s.holder(), s.since().toString(), s.failovers());
    }
}
