package io.engagement.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of every process ./pipeline started (its PID files), children included
 * (PostgreSQL's backends), read from /proc.
 */
final class ProcessStats {
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    record Sample(double cpuSeconds, long rssBytes) {
    }

    private ProcessStats() {
    }

    static Map<String, Sample> sample(Path runDir) {
        Map<String, Sample> samples = new TreeMap<>();
        try (Stream<Path> pidFiles = Files.list(runDir)) {
            for (Path file : pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String part = file.getFileName().toString().replace(".pid", "");
                long pid = Long.parseLong(Files.readString(file).strip());
                double cpu = 0;
                long rss = 0;
                for (long p : withChildren(pid)) {
                    cpu += cpuSeconds(p);
                    rss += rssBytes(p);
                }
                samples.put(part, new Sample(cpu, rss));
            }
        } catch (IOException | NumberFormatException e) {
            // No run directory: nothing of ours runs.
        }
        return samples;
    }

    private static List<Long> withChildren(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String[] stat = stat(Long.parseLong(p.getFileName().toString()));
                if (stat != null && Long.parseLong(stat[1]) == pid) {
                    pids.add(Long.parseLong(p.getFileName().toString()));
                }
            });
        } catch (IOException e) {
            // /proc unreadable: report the process alone.
        }
        return pids;
    }

    /** Fields after the command name of /proc/PID/stat: [0]=state, [1]=ppid, … [11]=utime, [12]=stime. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double cpuSeconds(long pid) {
        String[] stat = stat(pid);
        return stat == null ? 0 : (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / CLOCK_TICKS_PER_SECOND;
    }

    private static long rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
