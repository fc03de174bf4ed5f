package io.engagement.query.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dashboard expression into the PromQL Grafana would send: {@code $__interval} is the step,
 * {@code $__rate_interval} Grafana's max(step + scrape interval, 4 × scrape interval), {@code $__range} the span,
 * a dashboard variable its "All" value. Anything else is refused, so a new variable in the dashboard fails the
 * tests instead of reaching Prometheus as text.
 */
public final class PromqlTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");

    private PromqlTemplate() {
    }

    public static String render(String expr, Map<String, String> dashboardVariables, Duration step,
            Duration scrapeInterval, Duration range) {
        Duration rateInterval = max(step.plus(scrapeInterval), scrapeInterval.multipliedBy(4));
        Map<String, String> builtIn = Map.of("__interval", seconds(step), "__rate_interval", seconds(rateInterval),
                "__range", seconds(range));
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = builtIn.containsKey(name) ? builtIn.get(name) : dashboardVariables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown variable $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String seconds(Duration d) {
        return Math.max(1, d.toSeconds()) + "s";
    }
}
