package io.engagement.query.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a Grafana dashboard the live page uses: its panels' PromQL, legends, units and thresholds, and
 * the value each template variable takes when "All" is selected.
 */
public record Dashboard(String uid, String title, Map<String, String> variables, List<Panel> panels) {

    public Optional<Panel> panel(int id) {
        return panels.stream().filter(p -> p.id() == id).findFirst();
    }

    /** One panel; {@code thresholds} are the non-base steps (the latency panel's 5 s target line). */
    public record Panel(int id, String title, String unit, List<Double> thresholds, List<Target> targets) {
    }

    /** One query of a panel, as Grafana runs it: a range query unless {@code instant}. */
    public record Target(String refId, String expr, String legendFormat, boolean instant) {
    }
}
