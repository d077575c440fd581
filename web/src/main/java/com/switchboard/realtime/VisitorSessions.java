package com.switchboard.realtime;

import com.switchboard.visitor.control.VisitorBlockedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The visitor sockets this node holds, by visitor, with the address each one connects from. */
@ApplicationScoped
public class VisitorSessions {

    private static final Logger LOG = Logger.getLogger(VisitorSessions.class.getName());

    private final Map<Long, Map<Session, String>> byVisitor = new ConcurrentHashMap<>();

    public void add(long visitorId, Session session, String ipAddress) {
        byVisitor.computeIfAbsent(visitorId, id -> new ConcurrentHashMap<>())
                .put(session, ipAddress == null ? "" : ipAddress);
    }

    public void remove(long visitorId, Session session) {
        byVisitor.computeIfPresent(visitorId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** A block came into force somewhere: every socket it covers gets an error frame and is closed. */
    public void disconnect(VisitorBlockedEvent block) {
        var frame = Frames.error("visitor.blocked", "You cannot chat here.").toString();
        byVisitor.forEach((visitorId, sessions) -> sessions.forEach((session, address) -> {
            if (block.covers(visitorId, address)) {
                close(session, frame);
            }
        }));
    }

    public int count() {
        return byVisitor.values().stream().mapToInt(Map::size).sum();
    }

    private static void close(Session session, String frame) {
        synchronized (session) {
            try {
                if (session.isOpen()) {
                    session.getBasicRemote().sendText(frame);
                    session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "visitor.blocked"));
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "A blocked visitor's socket was closing already", e);
            }
        }
    }
}
