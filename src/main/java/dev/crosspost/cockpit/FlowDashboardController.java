package dev.crosspost.cockpit;

import java.util.List;

import dev.crosspost.member.Member;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The data of Crosspost's Cockpit dashboard plugin ({@code /camunda/app/cockpit/scripts/crosspost-dashboard.js}). */
@RestController
class FlowDashboardController {

    private final FlowDashboard dashboard;

    FlowDashboardController(FlowDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/cockpit/channels")
    List<FlowDashboard.ChannelFlows> channels(Member member) {
        return dashboard.channels(member.id());
    }
}
