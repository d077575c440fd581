package com.switchboard.admin.reports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF), safe against formula injection: a text cell that a spreadsheet
 * would take for a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe,
 * so an inbox or agent named {@code =HYPERLINK(…)} stays text. Numbers are written as they are.
 */
public final class Csv {

    private Csv() {
    }

    /** A line of cells: numbers as they are, anything else as text ({@code null}: an empty cell). */
    public static String row(List<?> cells) {
        return cells.stream().map(value -> value instanceof Number number ? number(number)
                : cell(value == null ? null : value.toString())).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One text cell, neutralised and quoted when needed. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        var text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || !text.equals(text.strip())
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** A number cell: never neutralised (a negative number is no formula). */
    public static String number(Number value) {
        return value == null ? "" : value.toString();
    }
}
