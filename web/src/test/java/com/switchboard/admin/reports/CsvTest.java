package com.switchboard.admin.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void formulasStayText() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", Csv.cell("=HYPERLINK(\"http://evil\")"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tcmd", Csv.cell("\tcmd"));
    }

    @Test
    void quotedWhenNeededPlainOtherwise() {
        assertEquals("support", Csv.cell("support"));
        assertEquals("\"a, b\"", Csv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void rowsEndWithCrLfAndNumbersAreLeftAlone() {
        assertEquals("day,-5,'-5,\r\n", Csv.row(Arrays.asList("day", -5, "-5", null)));
        assertEquals("2.5", Csv.number(2.5));
    }
}
