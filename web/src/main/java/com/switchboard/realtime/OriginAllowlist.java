package com.switchboard.realtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The browser origins allowed to open sockets: exact origins ({@code https://shop.example.com}), origins with
 * any port ({@code http://localhost:*}), or {@code *} for any. Browsers always send an {@code Origin}, so a
 * handshake without one is not a browser's and is not a cross-site risk.
 */
public final class OriginAllowlist {

    private final boolean any;
    private final List<String> exact;
    private final List<String> anyPort;

    private OriginAllowlist(boolean any, List<String> exact, List<String> anyPort) {
        this.any = any;
        this.exact = exact;
        this.anyPort = anyPort;
    }

    /** From the comma-separated setting; blank allows any origin. */
    public static OriginAllowlist parse(String setting) {
        var entries = Arrays.stream(setting == null ? new String[0] : setting.split(","))
                .map(String::trim).filter(e -> !e.isEmpty()).map(OriginAllowlist::normalise).toList();
        if (entries.isEmpty() || entries.contains("*")) {
            return new OriginAllowlist(true, List.of(), List.of());
        }
        return new OriginAllowlist(false, entries.stream().filter(e -> !e.endsWith(":*")).toList(),
                entries.stream().filter(e -> e.endsWith(":*")).map(e -> e.substring(0, e.length() - 1)).toList());
    }

    public boolean allowsAny() {
        return any;
    }

    public boolean allows(String origin) {
        if (any || origin == null) {
            return true;
        }
        var normalised = normalise(origin);
        if (exact.contains(normalised)) {
            return true;
        }
        // "http://localhost:*" is kept as "http://localhost:": the origin must go on with a port and nothing else.
        return anyPort.stream().anyMatch(prefix -> normalised.startsWith(prefix)
                && normalised.substring(prefix.length()).matches("[0-9]{1,5}"));
    }

    private static String normalise(String origin) {
        var lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
