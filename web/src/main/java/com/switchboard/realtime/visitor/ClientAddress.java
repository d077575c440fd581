package com.switchboard.realtime.visitor;

import jakarta.websocket.Session;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * The address a socket connects from. Jakarta WebSocket has no API for it; Payara's implementation (Tyrus) has.
 * Behind a reverse proxy this is the proxy's address; {@code ClientAddresses} finds the client's from it.
 */
final class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());

    private ClientAddress() {
    }

    static String of(Session session) {
        try {
            return session instanceof TyrusSession tyrus ? tyrus.getRemoteAddr() : null;
        } catch (LinkageError e) {
            LOG.warning(() -> "This server's WebSocket implementation does not tell client addresses: " + e);
            return null;
        }
    }
}
