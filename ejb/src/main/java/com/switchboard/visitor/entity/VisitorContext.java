package com.switchboard.visitor.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import inet.ipaddr.IPAddressString;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a visitor is: the address their socket comes from and the browser it reports (both from the server's
 * side of the connection), and the page they are on (reported by the widget, so checked). Over-long browser
 * strings and titles are cut, since visitors cannot shorten them; a page that is not a web address is refused.
 */
public record VisitorContext(String ipAddress, String userAgent, String pageUrl, String pageTitle) {

    public static final int MAX_USER_AGENT = 500;
    public static final int MAX_PAGE_URL = 2048;
    public static final int MAX_PAGE_TITLE = 300;

    public VisitorContext {
        ipAddress = canonicalAddress(ipAddress);
        userAgent = cut(userAgent, MAX_USER_AGENT);
        pageUrl = pageUrl(pageUrl);
        pageTitle = pageUrl == null ? null : cut(pageTitle, MAX_PAGE_TITLE);
    }

    /** The connection alone, before the widget tells which page it is on. */
    public static VisitorContext connection(String ipAddress, String userAgent) {
        return new VisitorContext(ipAddress, userAgent, null, null);
    }

    private static String canonicalAddress(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        var address = new IPAddressString(ip.strip()).getAddress();
        return address == null ? null : address.toCanonicalString();
    }

    private static String pageUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        var clean = UnicodeText.wellFormed(url).strip();
        try {
            var uri = new URI(clean);
            var scheme = uri.getScheme();
            if (clean.length() <= MAX_PAGE_URL && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return clean;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw RequestRejectedException.invalid("visitor.page-url",
                "The page must be an http(s) address of at most " + MAX_PAGE_URL + " characters.");
    }

    private static String cut(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var clean = UnicodeText.wellFormed(text).strip().replaceAll("\\p{Cntrl}", " ");
        if (clean.length() <= max) {
            return clean;
        }
        // Never cut a character in half.
        return clean.substring(0, Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
    }
}
