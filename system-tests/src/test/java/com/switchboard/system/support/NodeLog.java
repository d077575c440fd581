package com.switchboard.system.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a node's log may not hold once a test is done: a SEVERE line or a stack trace that no test expected. Bad
 * input is answered to its sender; it never costs the operator a stack trace. A stack trace is read as one record
 * with the line that introduces it, so an expected pattern may name any line of it.
 */
public final class NodeLog {

    private static final Pattern PROBLEM = Pattern.compile(
            "SEVERE|^\\s+at [\\w$./]+\\(|^Caused by: |^[\\w$.]+(Exception|Error)(: |$)", Pattern.MULTILINE);
    private static final Pattern CONTINUATION = Pattern.compile("^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by: )");
    /**
     * The runtime's own fault as a WebSocket closes: its web container tears the connection down while a request
     * or read of that connection is still being finished, and logs a NullPointerException from its HTTP layer
     * (Grizzly, Catalina, Tyrus' servlet glue), with no frame of the application's but the filter every request
     * passes. Nothing is lost by it; docs/SECURITY.md notes it as left.
     */
    private static final Pattern RUNTIME_NPE = Pattern.compile("java\\.lang\\.NullPointerException");
    private static final Pattern RUNTIME_HTTP_FRAME = Pattern.compile(
            "^\\s+at (org\\.glassfish\\.grizzly\\.|org\\.glassfish\\.tyrus\\.servlet\\.)", Pattern.MULTILINE);
    /**
     * A client that went away while its answer was still being written (a browser leaving a page while one of its
     * scripts downloads): Grizzly refuses the write, and the code that wrote it (the Faces resource handler, for one)
     * logs the refusal with its stack. Nobody waits for that answer any more.
     */
    private static final Pattern CLIENT_GONE = Pattern.compile("^java\\.io\\.IOException: Connection is closed\\R"
            + "\\s+at org\\.glassfish\\.grizzly\\.nio\\.NIOConnection\\.assertOpen\\(", Pattern.MULTILINE);
    /** A frame of the application's, other than the servlet filters every request passes on its way in. */
    private static final Pattern APPLICATION_FRAME = Pattern.compile(
            "^\\s+at com\\.switchboard\\.(?!security\\.(ResponseHeaders|FormSizeLimit)\\.)", Pattern.MULTILINE);
    /** A record's first line, as Payara Micro writes it: its time, level, logger, then the message. */
    private static final Pattern RECORD_START = Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2}T");
    private static final Pattern RECORD_TIME = Pattern.compile("\\[timeMillis: (\\d+)]");

    private NodeLog() {
    }

    /** The problem records (a line, with its stack trace), except those matching one of {@code expected}. */
    public static List<String> problems(List<String> lines, Pattern... expected) {
        var problems = new ArrayList<String>();
        for (var record : records(withoutRuntimeNoise(lines))) {
            if (PROBLEM.matcher(record).find() && !runtimeNoise(record) && !matchesAny(record, expected)) {
                problems.add(record);
            }
        }
        return problems;
    }

    /**
     * The lines without the log records that were logged between {@code from} and {@code to} (epoch millis, the
     * record's {@code timeMillis}) and hold a line matching one of {@code expected}: a whole record, its stack
     * trace included, for what a test brought about on purpose (a broker it killed) and only while it lasted.
     */
    public static List<String> withoutRecordsBetween(List<String> lines, long from, long to, Pattern... expected) {
        var kept = new ArrayList<String>();
        var record = new ArrayList<String>();
        for (var line : lines) {
            if (RECORD_START.matcher(line).find()) {
                keepUnlessExpected(record, kept, from, to, expected);
                record.clear();
            }
            record.add(line);
        }
        keepUnlessExpected(record, kept, from, to, expected);
        return kept;
    }

    private static void keepUnlessExpected(List<String> record, List<String> kept, long from, long to,
                                           Pattern... expected) {
        if (!record.isEmpty()) {
            var time = RECORD_TIME.matcher(record.get(0));
            long millis = time.find() ? Long.parseLong(time.group(1)) : -1;
            if (millis >= from && millis <= to && record.stream().anyMatch(line -> matchesAny(line, expected))) {
                return;
            }
            kept.addAll(record);
        }
    }

    /**
     * The lines without Payara's whole records of the runtime's noise: its web container logs the fault of a closing
     * socket once more as SEVERE ("An exception or error occurred in the container during the request processing"),
     * the exception inside the record's message, below a line of its own.
     */
    private static List<String> withoutRuntimeNoise(List<String> lines) {
        var kept = new ArrayList<String>();
        var record = new ArrayList<String>();
        for (var line : lines) {
            boolean starts = RECORD_START.matcher(line).find();
            if (starts) {
                keepUnlessRuntimeNoise(record, kept);
            }
            (starts || !record.isEmpty() ? record : kept).add(line);
            if (line.equals("]]")) {
                keepUnlessRuntimeNoise(record, kept);
            }
        }
        keepUnlessRuntimeNoise(record, kept);
        return kept;
    }

    /** A record is its first line to the {@code ]]} that ends its message; lines outside records are kept as they are. */
    private static void keepUnlessRuntimeNoise(List<String> record, List<String> kept) {
        if (!runtimeNoise(String.join("\n", record))) {
            kept.addAll(record);
        }
        record.clear();
    }

    /** The fault of a closing socket, or a client gone before its answer: neither through the application's code. */
    private static boolean runtimeNoise(String record) {
        var closingSocket = RUNTIME_NPE.matcher(record).find() && RUNTIME_HTTP_FRAME.matcher(record).find();
        return (closingSocket || CLIENT_GONE.matcher(record).find()) && !APPLICATION_FRAME.matcher(record).find();
    }

    public static void assertClean(List<String> lines, Pattern... expected) {
        var problems = problems(lines, expected);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " unexpected problem record(s) in the node's log; the first:\n"
                    + String.join("\n---\n", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    /** Lines grouped so that each stack trace stays with the line before it. */
    private static List<String> records(List<String> lines) {
        var records = new ArrayList<String>();
        var record = new StringBuilder();
        for (var line : lines) {
            if (!CONTINUATION.matcher(line).find() && !record.isEmpty()) {
                records.add(record.toString());
                record.setLength(0);
            }
            record.append(record.isEmpty() ? "" : "\n").append(line);
        }
        if (!record.isEmpty()) {
            records.add(record.toString());
        }
        return records;
    }

    private static boolean matchesAny(String record, Pattern... expected) {
        for (var pattern : expected) {
            if (pattern.matcher(record).find()) {
                return true;
            }
        }
        return false;
    }
}
