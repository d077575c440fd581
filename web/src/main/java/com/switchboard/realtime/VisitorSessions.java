package com.switchboard.realtime;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.conversation.control.Audience;
import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.MessageStatusEvent;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.visitor.control.VisitorBlockedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The visitor sockets this node holds, by visitor, with the address each one connects from. */
@ApplicationScoped
public class VisitorSessions {

    private final Map<Long, Map<Connection, String>> byVisitor = new ConcurrentHashMap<>();

    public void add(long visitorId, Connection connection, String ipAddress) {
        byVisitor.computeIfAbsent(visitorId, id -> new ConcurrentHashMap<>())
                .put(connection, ipAddress == null ? "" : ipAddress);
    }

    /** Removes the socket; returns whether the visitor has none left on this node. */
    public boolean remove(long visitorId, Connection connection) {
        var left = byVisitor.computeIfPresent(visitorId, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        return left == null;
    }

    /** A public entry of one of the visitor's conversations, to every tab they have open here. */
    public void push(ConversationEvent event) {
        if (!event.isPublic() || event.audience() == null) {
            return;
        }
        var connections = byVisitor.get(event.audience().visitorId());
        if (connections != null) {
            var entry = new Connection.Entry(event.seq(), event.frame().build().toString());
            connections.keySet().forEach(connection -> connection.live(event.conversationId(), entry));
        }
    }

    /** How far the visitor's own messages got with the agents. */
    public void push(MessageStatusEvent event) {
        if (event.author() != AuthorType.VISITOR || event.audience() == null) {
            return;
        }
        var connections = byVisitor.get(event.audience().visitorId());
        if (connections != null) {
            var frame = event.frame().build().toString();
            connections.keySet().forEach(connection -> connection.send(frame));
        }
    }

    /** An agent who may reply is typing (the visitor's own typing is not sent back to them). */
    public void pushSignal(JsonObject signal, Audience audience) {
        if (!"typing".equals(signal.getString("type")) || !signal.getBoolean("toVisitor", false)
                || audience == null) {
            return;
        }
        var connections = byVisitor.get(audience.visitorId());
        if (connections != null) {
            var frame = Signals.forVisitor(signal).toString();
            connections.keySet().forEach(connection -> connection.send(frame));
        }
    }

    /** A block came into force somewhere: every socket it covers gets an error frame and is closed. */
    public void disconnect(VisitorBlockedEvent block) {
        var error = Frames.error("visitor.blocked", "You cannot chat here.");
        byVisitor.forEach((visitorId, connections) -> connections.forEach((connection, address) -> {
            if (block.covers(visitorId, address)) {
                connection.refuse(error, CloseReason.CloseCodes.VIOLATED_POLICY);
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
            var connections = byVisitor.get(visitorIds.getJsonNumber(i).longValue());
            if (connections == null) {
                continue;
            }
            var frame = JSON.createObjectBuilder().add("type", "queue.position").add("position", i + 1)
                    .add("waiting", visitorIds.size());
            if (secondsPerPlace != null) {
                frame.add("estimatedWaitSeconds", secondsPerPlace * (i + 1));
            }
            var text = frame.build().toString();
            connections.keySet().forEach(connection -> connection.send(text));
        }
    }

    public int count() {
        return byVisitor.values().stream().mapToInt(Map::size).sum();
    }
}
