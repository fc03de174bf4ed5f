package io.engagement.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the invocations of given CLIs in shell text (scripts, markdown code blocks, container scripts). */
final class ShellInvocations {

    /** One invocation: where it was found, the tool, its arguments as the shell would split them. */
    record Invocation(String where, String tool, List<String> args) {
        @Override
        public String toString() {
            return where + ": " + tool + " " + String.join(" ", args);
        }
    }

    private ShellInvocations() {
    }

    /**
     * Invocations of tools at a command position: line start, after $( ( | ; && || if/then/do/until/while/!, after
     * "or:" / "e.g." style prose separators and after two or more spaces (aligned text of heredocs). Comment lines
     * are skipped; continuation lines are joined.
     */
    static List<Invocation> find(String where, String text, List<String> tools) {
        Pattern position = Pattern.compile("(?:^\\s*|\\$\\(\\s*|[(|;]\\s*|&&\\s*|\\b(?:if|then|do|until|while|else)\\s+|!\\s+"
                + "|:\\s+|\\s{2,})(" + String.join("|", tools) + ")(?=\\s)");
        List<Invocation> found = new ArrayList<>();
        String[] lines = text.replace("\\\n", " ").split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = withoutComment(lines[n]);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = position.matcher(line);
            while (m.find()) {
                if (insideQuotes(line, m.start(1))) {
                    continue;
                }
                found.add(new Invocation(where + ":" + (n + 1), m.group(1), tokens(line.substring(m.end(1)))));
            }
        }
        return found;
    }

    /** Code of the fenced blocks of a markdown text (the rest replaced by empty lines, so line numbers stay). */
    static String markdownCode(String markdown) {
        StringBuilder code = new StringBuilder();
        boolean in = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                in = !in;
                code.append('\n');
                continue;
            }
            code.append(in ? line : "").append('\n');
        }
        return code.toString();
    }

    /** The line up to an unquoted # that starts a word (a shell comment). */
    static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1))) && !insideQuotes(line, i)) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static boolean insideQuotes(String line, int index) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < index; i++) {
            char c = line.charAt(i);
            if (c == '\\' && !single) {
                i++;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            }
        }
        return single || dbl;
    }

    /** Shell words up to the first unquoted | ; & ) < > or comment. */
    static List<String> tokens(String rest) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\'' || c == '"') {
                int end = rest.indexOf(c, i + 1);
                while (c == '"' && end > 0 && rest.charAt(end - 1) == '\\') {
                    end = rest.indexOf(c, end + 1);
                }
                if (end < 0) {
                    end = rest.length();
                }
                word = word == null ? new StringBuilder() : word;
                word.append(rest, i + 1, end);
                i = end;
            } else if (c == '\\' && i + 1 < rest.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(rest.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if ("|;&)<>".indexOf(c) >= 0 || (c == '#' && word == null)) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
