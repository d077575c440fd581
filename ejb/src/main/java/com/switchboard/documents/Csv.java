package com.switchboard.documents;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF), safe against formula injection: the reports' and the conversation
 * exports'. Every text cell is quoted, so a spreadsheet that splits on {@code ;} (as many locales do) or on tabs
 * never starts a new cell inside one of ours ({@code x;=cmd|' /C calc'!A0} stays one text cell); a text cell whose
 * first visible character would start a formula ({@code = + - @}, or a tab or carriage return before it) gets a
 * leading apostrophe, so an inbox or agent named {@code =HYPERLINK(…)} stays text. Numbers are written as they are.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@";

    private Csv() {
    }

    /** A line of cells: numbers as they are, anything else as text ({@code null}: an empty cell). */
    public static String row(List<?> cells) {
        return cells.stream().map(value -> value instanceof Number number ? number(number)
                : cell(value == null ? null : value.toString())).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One text cell, neutralised and quoted. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        var text = startsFormula(value) ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** A number cell: never neutralised (a negative number is no formula). */
    public static String number(Number value) {
        return value == null ? "" : value.toString();
    }

    private static boolean startsFormula(String value) {
        var visible = value.stripLeading();
        return !visible.isEmpty() && (FORMULA_STARTS.indexOf(visible.charAt(0)) >= 0
                || value.charAt(0) == '\t' || value.charAt(0) == '\r');
    }
}
