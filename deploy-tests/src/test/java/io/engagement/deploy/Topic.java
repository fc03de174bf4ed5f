package io.engagement.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** One line of stack/topics.conf, parsed the way the local launcher (stack/tools/StackAdmin.java) parses it. */
record Topic(String name, int partitions, List<String> configs) {

    static List<Topic> readAll(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(f -> new Topic(f[0], Integer.parseInt(f[1]),
                            f.length > 2 ? Arrays.asList(f[2].split(",(?=[a-z.]+=)")) : List.of()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
