package com.switchboard.admin.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void oneBarPerValueTheHighestFillingThePlot() {
        var svg = SvgChart.bars("Conversations per day", List.of("11-30", "12-01"), List.of(2L, 4L));
        assertTrue(svg.startsWith("<svg "), svg);
        assertTrue(svg.contains("<title>11-30: 2</title>"), svg);
        assertTrue(svg.contains("height=\"180.0\"><title>12-01: 4</title>"), "4 of 4 is the whole plot: " + svg);
        assertTrue(svg.contains("height=\"90.0\"><title>11-30: 2</title>"), svg);
    }

    @Test
    void textIsEscaped() {
        var svg = SvgChart.bars("<script>alert(1)</script>", List.of("\"><img>"), List.of(1L));
        assertFalse(svg.contains("<script>"), svg);
        assertFalse(svg.contains("\"><img>"), svg);
        assertTrue(svg.contains("&lt;script&gt;"), svg);
    }

    @Test
    void nothingToShowStillDraws() {
        assertTrue(SvgChart.bars("Empty", List.of(), List.of()).endsWith("</svg>"));
    }
}
