package com.switchboard.system.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a node's log may not hold once a test is done: a SEVERE line or a stack trace that no test expected. Bad
 * input is answered to its sender; it never costs the operator a stack trace.
 */
public final class NodeLog {

    private static final Pattern PROBLEM = Pattern.compile(
            "SEVERE|^\\s+at [\\w$.]+\\(|^Caused by: |^[\\w$.]+(Exception|Error)(: |$)");

    private NodeLog() {
    }

    /** The problem lines, with the line before each for context, except those matching one of {@code expected}. */
    public static List<String> problems(List<String> lines, Pattern... expected) {
        var problems = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            if (PROBLEM.matcher(line).find() && !matchesAny(line, expected)) {
                problems.add((i > 0 ? lines.get(i - 1) + "\n" : "") + line);
            }
        }
        return problems;
    }

    public static void assertClean(List<String> lines, Pattern... expected) {
        var problems = problems(lines, expected);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " unexpected problem line(s) in the node's log; the first:\n"
                    + String.join("\n---\n", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    private static boolean matchesAny(String line, Pattern... expected) {
        for (var pattern : expected) {
            if (pattern.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }
}
