package io.engagement.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

import io.engagement.contracts.JsonSerdes;

/** Writes a benchmark's results as JSON and as a markdown table under bench/results/. */
final class Results {
    private Results() {
    }

    static Path write(String name, Map<String, Object> json, List<String> header, List<List<Object>> rows,
            String notes) throws IOException {
        Path dir = Path.of(BenchEnv.env("BENCH_RESULTS_DIR", "bench/results"));
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path jsonFile = dir.resolve(name + "-" + stamp + ".json");
        Files.writeString(jsonFile, JsonSerdes.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json));
        String table = markdown(header, rows);
        Files.writeString(dir.resolve(name + "-" + stamp + ".md"), "# " + name + " (" + stamp + ")\n\n" + table
                + "\n" + notes + "\n");
        System.out.println();
        System.out.println(table);
        System.out.println(notes);
        System.out.println("results: " + jsonFile + " (and .md)");
        return jsonFile;
    }

    static String markdown(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<Object> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(String::valueOf).toList())).append(" |\n");
        }
        return out.toString();
    }
}
