package com.switchboard.realtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The browser origins allowed to open sockets: exact origins ({@code https://shop.example.com}), origins with
 * any port ({@code http://localhost:*}), or {@code *} for any. Without a setting only the server's own origin may:
 * the widget's panel and the console are served from it, so they work wherever the widget is embedded, and no
 * other site's page can open a socket in its visitors' name. Browsers always send an {@code Origin}, so a
 * handshake without one is not a browser's and is not a cross-site risk.
 */
public final class OriginAllowlist {

    private static final Logger LOG = Logger.getLogger(OriginAllowlist.class.getName());

    /** The setting does not change while the application runs; read on first use (a handshake, not deployment). */
    private static final class Configured {
        static final OriginAllowlist INSTANCE = read();

        private static OriginAllowlist read() {
            var list = parse(ConfigProvider.getConfig()
                    .getOptionalValue("switchboard.websocket.origins", String.class).orElse(""));
            if (list.allowsAny()) {
                LOG.warning("SWITCHBOARD_WEBSOCKET_ORIGINS allows any origin (*): any web site can open the visitor"
                        + " socket of your inboxes. List the sites that embed the widget and the console's own.");
            }
            return list;
        }
    }

    private final boolean any;
    private final boolean ownOnly;
    /** As the setting lists them (normalised), in its order. */
    private final List<String> listed;
    private final List<String> exact;
    private final List<String> anyPort;

    private OriginAllowlist(boolean any, boolean ownOnly, List<String> listed) {
        this.any = any;
        this.ownOnly = ownOnly;
        this.listed = listed;
        this.exact = listed.stream().filter(e -> !e.endsWith(":*")).toList();
        this.anyPort = listed.stream().filter(e -> e.endsWith(":*")).map(e -> e.substring(0, e.length() - 1))
                .toList();
    }

    /** From the comma-separated setting; blank allows the server's own origin only, {@code *} any. */
    public static OriginAllowlist parse(String setting) {
        var entries = Arrays.stream(setting == null ? new String[0] : setting.split(","))
                .map(String::trim).filter(e -> !e.isEmpty()).map(OriginAllowlist::normalise).toList();
        if (entries.contains("*")) {
            return new OriginAllowlist(true, false, List.of());
        }
        return new OriginAllowlist(false, entries.isEmpty(), entries);
    }

    /** The installation's own: {@code switchboard.websocket.origins}. */
    public static OriginAllowlist configured() {
        return Configured.INSTANCE;
    }

    /** The origins listed, in the setting's order and form ({@code http://localhost:*}); none for any or own only. */
    public List<String> origins() {
        return listed;
    }

    public boolean allowsAny() {
        return any;
    }

    /** Whether the answer needs the request's {@code Host}: only the server's own origin is allowed. */
    public boolean ownOriginOnly() {
        return ownOnly;
    }

    /** Whether the origin may open a socket of the server that the request's {@code Host} names. */
    public boolean allows(String origin, String host) {
        if (ownOnly) {
            if (origin == null) {
                return true;
            }
            var normalised = normalise(origin);
            return host != null && (normalised.equals("http://" + normalise(host))
                    || normalised.equals("https://" + normalise(host)));
        }
        return allows(origin);
    }

    public boolean allows(String origin) {
        if (any || origin == null) {
            return true;
        }
        if (ownOnly) {
            return false;
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
