package io.engagement.query.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.engagement.query.config.LivePageConfig;

/**
 * Reads the Grafana dashboard from the classpath once. It is the file Grafana provisions, put into the jar by the
 * build: the live page shows the same expressions because it has no others.
 */
@ApplicationScoped
public class DashboardLoader {

    @Produces
    @Singleton
    Dashboard dashboard(LivePageConfig config, ObjectMapper mapper) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(config.dashboard())) {
            if (in == null) {
                throw new IllegalStateException("dashboard " + config.dashboard() + " is not on the classpath");
            }
            return parse(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + config.dashboard(), e);
        }
    }

    public static Dashboard parse(JsonNode root) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode variable : root.path("templating").path("list")) {
            // The page has no variable pickers: it shows what Grafana shows with "All" selected.
            variables.put(variable.path("name").asText(), variable.path("allValue").asText(".*"));
        }
        List<Dashboard.Panel> panels = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            JsonNode defaults = panel.path("fieldConfig").path("defaults");
            List<Double> thresholds = new ArrayList<>();
            for (JsonNode step : defaults.path("thresholds").path("steps")) {
                if (step.path("value").isNumber()) {
                    thresholds.add(step.path("value").asDouble());
                }
            }
            List<Dashboard.Target> targets = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                targets.add(new Dashboard.Target(target.path("refId").asText(), target.path("expr").asText(),
                        target.path("legendFormat").asText(""), target.path("instant").asBoolean(false)));
            }
            panels.add(new Dashboard.Panel(panel.path("id").asInt(), panel.path("title").asText(),
                    defaults.path("unit").asText(""), List.copyOf(thresholds), List.copyOf(targets)));
        }
        return new Dashboard(root.path("uid").asText(), root.path("title").asText(), Map.copyOf(variables),
                List.copyOf(panels));
    }
}
