package com.switchboard.admin.reports;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart as inline SVG, drawn on the server: no script, readable without JavaScript, and every text in it
 * escaped. Each bar has a title (its value on hover) and the chart a text alternative.
 */
public final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int BOTTOM = 30;
    private static final int TOP = 10;

    private SvgChart() {
    }

    public static String bars(String title, List<String> labels, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(0));
        int plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = (WIDTH - LEFT) / (double) Math.max(1, values.size());
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-label=\"").append(escape(title))
                .append("\"><title>").append(escape(title)).append("</title>");
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM)).append(line(LEFT, HEIGHT - BOTTOM, WIDTH, HEIGHT - BOTTOM));
        svg.append(text(LEFT - 6, TOP + 10, "end", Long.toString(max)))
                .append(text(LEFT - 6, HEIGHT - BOTTOM, "end", "0"));
        int every = Math.max(1, (int) Math.ceil(values.size() / 12.0));
        for (int i = 0; i < values.size(); i++) {
            double height = plotHeight * values.get(i) / (double) max;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    x, HEIGHT - BOTTOM - height, slot * 0.7, height, escape(labels.get(i)), values.get(i)));
            if (i % every == 0) {
                svg.append(text(x + slot * 0.35, HEIGHT - BOTTOM + 16, "middle", labels.get(i)));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
