package dev.crosspost.webhook.incoming;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosspost.refusal.Invalid;

/**
 * {@code alertmanager}: Prometheus Alertmanager's webhook (version 4), one message per notification, that is per
 * alert group: {@code [FIRING:2] HighLatency — summary}, or {@code [RESOLVED] ...} when the group is resolved, as
 * Alertmanager's own default title reads. The name is the group labels' values (sorted by label), else the common
 * {@code alertname}; the summary is the common annotation {@code summary}, else the first alert's. The sender
 * shown is "Alertmanager". Attributes: {@code preset}, {@code status} ({@code firing}, {@code resolved}),
 * {@code alertname}, {@code severity} (the common label, "" when the alerts differ), {@code receiver},
 * {@code alerts} (how many alerts the group holds), {@code firing} (how many of them fire).
 */
final class AlertmanagerPreset implements Preset {

    static final String SENDER = "Alertmanager";

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Reading read(JsonNode p, UnaryOperator<String> header) {
        String status = Preset.text(p, "/status");
        if (!p.path("alerts").isArray() || status.isEmpty()) {
            throw new Invalid("an Alertmanager payload has 'status' and an 'alerts' array");
        }
        long firing = StreamSupport.stream(p.path("alerts").spliterator(), false)
                .filter(alert -> "firing".equals(Preset.text(alert, "/status"))).count();
        Map<String, String> groupLabels = new TreeMap<>();
        p.path("groupLabels").fields().forEachRemaining(e -> groupLabels.put(e.getKey(), e.getValue().asText()));
        String alertname = Preset.text(p, "/commonLabels/alertname");
        String name = groupLabels.isEmpty() ? alertname : String.join(" ", groupLabels.values());
        String summary = Preset.text(p, "/commonAnnotations/summary");
        if (summary.isEmpty()) {
            summary = Preset.text(p, "/alerts/0/annotations/summary");
        }
        Map<String, String> a = new LinkedHashMap<>();
        a.put("preset", name());
        a.put("status", status);
        a.put("alertname", alertname.isEmpty() ? Preset.text(p, "/alerts/0/labels/alertname") : alertname);
        a.put("severity", Preset.text(p, "/commonLabels/severity"));
        a.put("receiver", Preset.text(p, "/receiver"));
        a.put("alerts", String.valueOf(p.path("alerts").size()));
        a.put("firing", String.valueOf(firing));
        String head = "firing".equals(status) ? "[FIRING:" + firing + "]" : "[" + status.toUpperCase(Locale.ROOT) + "]";
        String text = head + " " + (name.isEmpty() ? "alert" : Preset.firstLine(name, 200))
                + (summary.isEmpty() ? "" : " — " + Preset.firstLine(summary, 300));
        return Reading.message(text, SENDER, a);
    }
}
