package io.engagement.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of a service's /q/metrics in Prometheus text format, as series → value. The services expose their
 * metrics through Micrometer; this reads them back the way Prometheus would.
 */
final class PromScrape {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    static final PromScrape EMPTY = new PromScrape(Map.of());

    private final Map<String, Double> series;

    PromScrape(Map<String, Double> series) {
        this.series = series;
    }

    static PromScrape of(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : EMPTY;
        } catch (Exception unreachable) {
            return EMPTY;
        }
    }

    static PromScrape parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException ignored) {
                // A line that is no sample (none are expected) is no metric.
            }
        }
        return new PromScrape(series);
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /** Sum of every series of {@code name} whose labels contain all of {@code labels} (e.g. {@code sink="redis"}). */
    double sum(String name, String... labels) {
        return series.entrySet().stream().filter(matching(name, labels)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Cumulative bucket counts of a histogram, by upper bound. */
    TreeMap<Double, Double> buckets(String histogram, String... labels) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        series.entrySet().stream().filter(matching(histogram + "_bucket", labels)).forEach(e -> {
            String key = e.getKey();
            int le = key.indexOf("le=\"");
            String bound = key.substring(le + 4, key.indexOf('"', le + 4));
            buckets.merge(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), e.getValue(),
                    Double::sum);
        });
        return buckets;
    }

    private static Predicate<Map.Entry<String, Double>> matching(String name, String... labels) {
        return e -> {
            String key = e.getKey();
            if (!(key.equals(name) || key.startsWith(name + "{"))) {
                return false;
            }
            for (String label : labels) {
                if (!key.contains(label)) {
                    return false;
                }
            }
            return true;
        };
    }
}
