package com.switchboard.realtime;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.logging.Logger;

/**
 * The handshake of both sockets: the browser's {@code Origin} must be on the installation's allowlist
 * ({@code switchboard.websocket.origins}; Tyrus itself accepts any origin), refused with HTTP 403 otherwise; and
 * the subprotocol is {@link #PROTOCOL} when the client offers it, none when it offers nothing, and none (which a
 * browser takes as a failed connection) when it offers only versions this server does not speak.
 */
public class SocketHandshake extends ServerEndpointConfig.Configurator {

    public static final String PROTOCOL = "switchboard.v1";
    /** The session's user property naming the other site's origin a socket came from, refused as it opens. */
    public static final String FOREIGN_ORIGIN = "switchboard.foreign-origin";
    /** The session's user property with the handshake's {@code X-Forwarded-For}, its values joined by commas. */
    public static final String FORWARDED_FOR = "switchboard.forwarded-for";
    private static final Logger LOG = Logger.getLogger(SocketHandshake.class.getName());

    /** With an allowlist, an origin not on it is refused here (HTTP 403); the own-origin default needs the Host. */
    @Override
    public boolean checkOrigin(String origin) {
        var allowed = OriginAllowlist.configured().ownOriginOnly() || OriginAllowlist.configured().allows(origin);
        if (!allowed) {
            LOG.fine(() -> "Refused a socket from origin " + origin);
        }
        return allowed;
    }

    /**
     * Keeps what a proxy said of the client, for {@code ClientAddresses}, and marks a socket from another site when
     * only the server's own origin may open one: the endpoint refuses it as it opens (user properties are per
     * connection).
     */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        var forwarded = header(request, "X-Forwarded-For");
        if (!forwarded.isEmpty()) {
            config.getUserProperties().put(FORWARDED_FOR, String.join(",", forwarded));
        }
        if (OriginAllowlist.configured().ownOriginOnly()) {
            var origin = header(request, "Origin").stream().findFirst().orElse(null);
            var host = header(request, "Host").stream().findFirst().orElse(null);
            if (!OriginAllowlist.configured().allows(origin, host)) {
                LOG.fine(() -> "Refused a socket from origin " + origin + " to " + host);
                config.getUserProperties().put(FOREIGN_ORIGIN, origin);
            }
        }
    }

    private static List<String> header(HandshakeRequest request, String name) {
        return request.getHeaders().entrySet().stream().filter(header -> name.equalsIgnoreCase(header.getKey()))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.contains(PROTOCOL) ? PROTOCOL : "";
    }
}
