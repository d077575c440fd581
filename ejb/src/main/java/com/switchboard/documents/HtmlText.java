package com.switchboard.documents;

/** Text inside the HTML pages Switchboard writes itself (chat logs, transcripts): never markup. */
public final class HtmlText {

    private HtmlText() {
    }

    /** The text with every character that could open markup or leave an attribute escaped. */
    public static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        for (var c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
