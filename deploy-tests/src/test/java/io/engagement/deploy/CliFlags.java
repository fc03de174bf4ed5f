package io.engagement.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flag set of one CLI at one version, read from deploy-tests/src/test/resources/cli (see the README there), and
 * the check of one invocation against it: the command path must exist and every flag must be one of the command's
 * or a global flag, a flag with a value taking the next argument unless given as --flag=value.
 */
final class CliFlags {

    static final Path DIR = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("src/test/resources/cli");

    /** One flag; optionalValue: cobra NoOptDefVal (e.g. Helm 4's --wait[=watcher]), never takes the next argument. */
    record Flag(String name, String shortName, boolean takesValue, boolean optionalValue, String type) {
    }

    private static final Pattern COBRA = Pattern.compile("^\\s+(?:-(\\w), )?--([\\w.-]+)(?: (\\S+))?(?:\\s{2,}.*)?$");
    private static final Pattern KUBECTL = Pattern.compile("^\\s+(?:-(\\w), )?--([\\w.-]+)=(.*):$");

    final String tool;
    final Map<String, Map<String, Flag>> commands = new TreeMap<>();
    final Map<String, Flag> global = new LinkedHashMap<>();
    final Map<String, Flag> passthrough = new LinkedHashMap<>();
    /** Flag name -> the KEYs its KEY=VALUE values may use (rpk's -X), when the tool has such a list. */
    final Map<String, java.util.Set<String>> valueKeys = new LinkedHashMap<>();

    private CliFlags(String tool) {
        this.tool = tool;
    }

    static CliFlags helm() {
        return fromHelpDir("helm", DIR.resolve("helm-v4.1.4"));
    }

    static CliFlags kubectl() {
        return fromHelpDir("kubectl", DIR.resolve("kubectl-v1.34.5"));
    }

    static CliFlags rpk() {
        return fromFlagsFile("rpk", DIR.resolve("rpk-v24.3.2.flags"));
    }

    static CliFlags kind() {
        return fromFlagsFile("kind", DIR.resolve("kind-v0.29.0.flags"));
    }

    static CliFlags forTool(String tool) {
        return switch (tool) {
            case "helm" -> helm();
            case "kubectl" -> kubectl();
            case "rpk" -> rpk();
            case "kind" -> kind();
            default -> throw new IllegalArgumentException(tool);
        };
    }

    /** Help text captured from `<tool> <command> --help` (file name: command with _ for spaces). */
    static CliFlags fromHelpDir(String tool, Path dir) {
        CliFlags flags = new CliFlags(tool);
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String command = file.getFileName().toString().replaceFirst("\\.txt$", "").replace('_', ' ');
                Map<String, Flag> parsed = new LinkedHashMap<>();
                Map<String, Flag> globals = new LinkedHashMap<>();
                parseHelp(Files.readAllLines(file), parsed, globals);
                if (command.equals("options")) {
                    flags.global.putAll(parsed);
                } else {
                    flags.commands.put(command, parsed);
                    flags.global.putAll(globals);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return flags;
    }

    /** Flags of one help text: "Flags:"/"Options:" go to own, "Global Flags:" to globals. */
    static void parseHelp(List<String> lines, Map<String, Flag> own, Map<String, Flag> globals) {
        Map<String, Flag> target = null;
        for (String line : lines) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                // section headers: cobra "Flags:" / "Global Flags:", kubectl "Options:", `kubectl options`' first line
                target = line.startsWith("Global Flags:") ? globals
                        : line.startsWith("Flags:") || line.startsWith("Options:")
                                || line.startsWith("The following options can be passed to any command") ? own : null;
                continue;
            }
            Optional<Flag> flag = target == null ? Optional.empty() : parseLine(line);
            if (flag.isPresent()) {
                target.put(flag.get().name(), flag.get());
            }
        }
    }

    static Optional<Flag> parseLine(String line) {
        Matcher k = KUBECTL.matcher(line);
        if (k.matches()) {
            String def = k.group(3);
            boolean bool = def.equals("true") || def.equals("false");
            return Optional.of(new Flag(k.group(2), k.group(1), !bool, false, bool ? "bool" : "value"));
        }
        Matcher c = COBRA.matcher(line);
        if (c.matches()) {
            String type = c.group(3);
            boolean optional = type != null && type.contains("[=");
            return Optional.of(new Flag(c.group(2), c.group(1), type != null, optional, type == null ? "bool" : type));
        }
        return Optional.empty();
    }

    /** The hand-extracted format of rpk/kind (global:, command: a b, passthrough:, cobra-style flag lines). */
    static CliFlags fromFlagsFile(String tool, Path file) {
        CliFlags flags = new CliFlags(tool);
        Map<String, Flag> target = null;
        java.util.Set<String> keys = null;
        try {
            for (String line : Files.readAllLines(file)) {
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                if (stripped.startsWith("keys:")) {
                    keys = new java.util.TreeSet<>();
                    flags.valueKeys.put(stripped.substring("keys:".length()).strip(), keys);
                    continue;
                }
                if (keys != null) {
                    keys.add(stripped);
                    continue;
                }
                if (stripped.equals("global:")) {
                    target = flags.global;
                } else if (stripped.equals("passthrough:")) {
                    target = flags.passthrough;
                } else if (stripped.startsWith("command:")) {
                    target = new LinkedHashMap<>();
                    flags.commands.put(stripped.substring("command:".length()).strip(), target);
                } else {
                    Flag flag = parseLine(line).orElseThrow(() -> new IllegalStateException(file + ": " + line));
                    target.put(flag.name(), flag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return flags;
    }

    /** Problems of one invocation (tokens after the tool name); empty if it is valid. */
    List<String> check(List<String> args) {
        List<String> problems = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<String[]> seen = new ArrayList<>(); // flag token, its value or null
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
                String value = null;
                boolean inline = false;
                if (!arg.startsWith("--") && name.length() > 1) {
                    // -Xvalue / -n=value: short flag with an attached value
                    value = name.substring(name.charAt(1) == '=' ? 2 : 1);
                    name = name.substring(0, 1);
                    inline = true;
                } else if (name.contains("=")) {
                    value = name.substring(name.indexOf('=') + 1);
                    name = name.substring(0, name.indexOf('='));
                    inline = true;
                }
                Flag flag = find(String.join(" ", path), name, arg.startsWith("--"));
                if (flag != null && flag.takesValue() && !flag.optionalValue() && !inline) {
                    value = i + 1 < args.size() ? args.get(++i) : null;
                }
                seen.add(new String[] {arg, value, inline ? "inline" : "separate"});
                continue;
            }
            List<String> longer = new ArrayList<>(path);
            longer.add(arg);
            String prefix = String.join(" ", longer);
            if (commands.keySet().stream().anyMatch(c -> c.equals(prefix) || c.startsWith(prefix + " "))) {
                path = longer;
            }
        }
        String command = String.join(" ", path);
        if (!commands.containsKey(command)) {
            problems.add(tool + " " + command + ": no such command in " + commands.keySet());
            return problems;
        }
        for (String[] s : seen) {
            String arg = s[0];
            boolean isLong = arg.startsWith("--");
            String name = isLong ? arg.substring(2) : arg.substring(1, 2);
            if (name.contains("=")) {
                name = name.substring(0, name.indexOf('='));
            }
            Flag flag = find(command, name, isLong);
            if (flag == null) {
                Flag through = isLong ? passthrough.get(name) : null;
                if (through == null) {
                    problems.add(tool + " " + command + ": unknown flag " + arg);
                }
                continue;
            }
            if (flag.type().equals("keyValue") && (s[2].equals("inline") || s[1] == null || !s[1].contains("="))) {
                problems.add(tool + " " + command + ": " + arg + " must be two arguments: --" + flag.name() + " KEY=VALUE");
            }
            java.util.Set<String> allowed = valueKeys.get(flag.name());
            if (allowed != null && s[1] != null && !allowed.contains(s[1].split("=", 2)[0])) {
                problems.add(tool + " " + command + ": " + arg + " " + s[1] + ": unknown key, not one of " + allowed);
            }
            if (flag.takesValue() && !flag.optionalValue() && s[1] == null) {
                problems.add(tool + " " + command + ": " + arg + " needs a value");
            }
            if (!flag.takesValue() && s[2].equals("inline") && !(s[1].equals("true") || s[1].equals("false"))) {
                problems.add(tool + " " + command + ": boolean " + arg + " given a value");
            }
        }
        return problems;
    }

    private Flag find(String command, String name, boolean isLong) {
        List<Map<String, Flag>> scopes = new ArrayList<>();
        if (commands.containsKey(command)) {
            scopes.add(commands.get(command));
        }
        scopes.add(global);
        for (Map<String, Flag> scope : scopes) {
            for (Flag f : scope.values()) {
                if (isLong ? f.name().equals(name) : name.equals(f.shortName())) {
                    return f;
                }
            }
        }
        return null;
    }
}
