package com.switchboard.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void formulasStayText() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", Csv.cell("=HYPERLINK(\"http://evil\")"));
        assertEquals("\"'+1\"", Csv.cell("+1"));
        assertEquals("\"'-2+3\"", Csv.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", Csv.cell("@SUM(A1)"));
        assertEquals("\"'\tcmd\"", Csv.cell("\tcmd"));
        assertEquals("\"'  =1+1\"", Csv.cell("  =1+1"));
    }

    @Test
    void aSemicolonOrTabInsideACellNeverStartsAFormulaInALocaleThatSplitsOnIt() {
        var cell = Csv.cell("x;=cmd|' /C calc'!A0;");
        assertEquals("\"x;=cmd|' /C calc'!A0;\"", cell);
        // Split as a semicolon locale would, honouring quotes: still one cell, which starts with x.
        assertEquals(1, splitHonouringQuotes(cell, ';').size());
        assertEquals(1, splitHonouringQuotes(Csv.cell("a\t=1+1"), '\t').size());
    }

    @Test
    void textIsAlwaysQuoted() {
        assertEquals("\"support\"", Csv.cell("support"));
        assertEquals("\"a, b\"", Csv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void rowsEndWithCrLfAndNumbersAreLeftAlone() {
        assertEquals("\"day\",-5,\"'-5\",\r\n", Csv.row(Arrays.asList("day", -5, "-5", null)));
        assertEquals("2.5", Csv.number(2.5));
    }

    private static List<String> splitHonouringQuotes(String line, char separator) {
        var cells = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                cells.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        cells.add(current.toString());
        return cells;
    }
}
