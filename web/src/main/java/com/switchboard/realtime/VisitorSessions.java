package com.switchboard.realtime;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.visitor.control.VisitorBlockedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
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

    /**
     * The inbox's queue moved: each waiting visitor connected here learns their place (1 = next) and, when the
     * inbox's pace is known, the estimated wait.
     */
    public void queueMoved(JsonObject positions) {
        var visitorIds = positions.getJsonArray("visitorIds");
        var secondsPerPlace = positions.containsKey("secondsPerPlace")
                ? positions.getJsonNumber("secondsPerPlace").longValue() : null;
        for (int i = 0; i < visitorIds.size(); i++) {
            var sessions = byVisitor.get(visitorIds.getJsonNumber(i).longValue());
            if (sessions == null) {
                continue;
            }
            var frame = JSON.createObjectBuilder().add("type", "queue.position").add("position", i + 1)
                    .add("waiting", visitorIds.size());
            if (secondsPerPlace != null) {
                frame.add("estimatedWaitSeconds", secondsPerPlace * (i + 1));
            }
            var text = frame.build().toString();
            sessions.keySet().forEach(session -> send(session, text));
        }
    }

    public int count() {
        return byVisitor.values().stream().mapToInt(Map::size).sum();
    }

    private static void send(Session session, String frame) {
        synchronized (session) {
            try {
                if (session.isOpen()) {
                    session.getBasicRemote().sendText(frame);
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "Dropped a frame to a closing socket", e);
            }
        }
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
