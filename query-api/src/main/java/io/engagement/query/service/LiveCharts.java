package io.engagement.query.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import io.engagement.query.client.PrometheusResponse;
import io.engagement.query.config.LivePageConfig;
import io.engagement.query.dashboard.Dashboard;
import io.engagement.query.dashboard.PromqlTemplate;

/** Runs a chart's dashboard panel as range queries over the last minutes and aligns the series for the page. */
@ApplicationScoped
public class LiveCharts {
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    private final LivePageConfig config;
    private final Dashboard dashboard;
    private final PrometheusQueries prometheus;
    private final Clock clock;

    public LiveCharts(LivePageConfig config, Dashboard dashboard, PrometheusQueries prometheus) {
        this.config = config;
        this.dashboard = dashboard;
        this.prometheus = prometheus;
        this.clock = Clock.systemUTC();
    }

    /** The chart names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(config.charts()).keySet());
    }

    /** The panel targets a chart runs: the dashboard's, narrowed to the configured refIds. */
    public Dashboard.Panel panel(String chart) {
        LivePageConfig.Chart c = config.charts().get(chart);
        if (c == null) {
            throw new NotFoundException("no chart '" + chart + "'; charts: " + names());
        }
        Dashboard.Panel panel = dashboard.panel(c.panel()).orElseThrow(() -> new IllegalStateException(
                "chart " + chart + " names panel " + c.panel() + ", which dashboard " + dashboard.uid() + " lacks"));
        List<Dashboard.Target> targets = c.refIds()
                .map(ids -> panel.targets().stream().filter(t -> ids.contains(t.refId())).toList())
                .orElse(panel.targets());
        return new Dashboard.Panel(panel.id(), panel.title(), panel.unit(), panel.thresholds(), targets);
    }

    /** The PromQL a target becomes for a range: the dashboard's expression, variables filled in. */
    public String promql(Dashboard.Target target, Duration range) {
        return PromqlTemplate.render(target.expr(), dashboard.variables(), config.step(), config.scrapeInterval(), range);
    }

    public LiveChart chart(String chart, Duration range) {
        Dashboard.Panel panel = panel(chart);
        long step = Math.max(1, config.step().toSeconds());
        // Whole steps, so every series (and every refresh) shares the same grid of timestamps.
        long end = Math.floorDiv(clock.millis() / 1000, step) * step;
        long start = end - Math.max(step, range.toSeconds() / step * step);
        int points = (int) ((end - start) / step) + 1;
        List<Long> timestamps = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            timestamps.add(start + i * step);
        }
        List<LiveChart.Series> series = new ArrayList<>();
        List<LiveChart.Query> queries = new ArrayList<>();
        for (Dashboard.Target target : panel.targets()) {
            String query = promql(target, range);
            queries.add(new LiveChart.Query(target.refId(), query));
            for (PrometheusResponse.Sample sample : prometheus.range(query, start, end, step)) {
                Double[] values = new Double[points];
                for (List<Object> point : sample.values() == null ? List.<List<Object>>of() : sample.values()) {
                    long t = Math.round(((Number) point.get(0)).doubleValue());
                    int i = (int) ((t - start) / step);
                    if (i >= 0 && i < points) {
                        values[i] = number(String.valueOf(point.get(1)));
                    }
                }
                series.add(new LiveChart.Series(legend(target, sample.metric()), target.refId(), Arrays.asList(values)));
            }
        }
        series.sort((a, b) -> a.name().compareTo(b.name()));
        return new LiveChart(chart, panel.id(), panel.title(), panel.unit(), panel.thresholds(), step,
                List.copyOf(queries), timestamps, series);
    }

    /** Grafana's legend: {{label}} replaced by the series' label value. */
    static String legend(Dashboard.Target target, Map<String, String> labels) {
        String format = target.legendFormat().isBlank() ? labels.toString() : target.legendFormat();
        Matcher m = LEGEND_LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels == null ? "" : labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    /** JSON has no NaN or infinity: histogram_quantile over no traffic is NaN, and such a point is a gap. */
    static Double number(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
