package com.switchboard.realtime;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.messaging.events.BlockImposed;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.ConversationSignal;
import com.switchboard.messaging.events.MessageStatusEvent;
import com.switchboard.messaging.events.QueueMoved;
import com.switchboard.messaging.events.VisitorNotice;
import com.switchboard.visitor.entity.Network;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visitor sockets this node holds, by visitor, with the address each one connects from; and apart, the sockets
 * of visitors who have no row yet (they have not acted), by token, which nothing is published to but a network
 * block closes all the same.
 */
@ApplicationScoped
public class VisitorSessions {

    private final Map<Long, Map<Connection, String>> byVisitor = new ConcurrentHashMap<>();
    private final Map<Connection, Waiting> waiting = new ConcurrentHashMap<>();

    /** A socket whose visitor has no row yet: their token, and the address it connects from. */
    private record Waiting(String token, String address) {
    }

    /** Holds a socket whose visitor has no row yet, until {@link #stopWaiting}. */
    public void await(Connection connection, String token, String ipAddress) {
        waiting.put(connection, new Waiting(token, ipAddress == null ? "" : ipAddress));
    }

    public void stopWaiting(Connection connection) {
        waiting.remove(connection);
    }

    /** Whether any socket here waits for its visitor's row. */
    public boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    /** The sockets here whose visitor had no row when they opened, of this token. */
    public List<Connection> waitingWith(String token) {
        return waiting.entrySet().stream().filter(held -> held.getValue().token().equals(token))
                .map(Map.Entry::getKey).toList();
    }

    /** Adds the socket; returns whether it is the visitor's first on this node. */
    public boolean add(long visitorId, Connection connection, String ipAddress) {
        var first = new boolean[1];
        byVisitor.compute(visitorId, (id, connections) -> {
            first[0] = connections == null;
            var held = connections == null ? new ConcurrentHashMap<Connection, String>() : connections;
            held.put(connection, ipAddress == null ? "" : ipAddress);
            return held;
        });
        return first[0];
    }

    public boolean holds(long visitorId) {
        return byVisitor.containsKey(visitorId);
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
    void created(@Observes ConversationEvent event) {
        if (!event.isPublic() || event.audience() == null) {
            return;
        }
        var connections = byVisitor.get(event.audience().visitorId());
        if (connections != null) {
            var entry = new Connection.Entry(event.seq(), event.asTheVisitorSeesIt().frame().build().toString());
            connections.keySet().forEach(connection -> connection.live(event.conversationId(), entry));
        }
    }

    /** How far the visitor's own messages got with the agents. */
    void status(@Observes MessageStatusEvent event) {
        if (!event.aboutVisitorMessages() || event.audience() == null) {
            return;
        }
        var connections = byVisitor.get(event.audience().visitorId());
        if (connections != null) {
            var frame = event.frame().build().toString();
            connections.keySet().forEach(connection -> connection.send(frame));
        }
    }

    /**
     * Who the visitor is talking to now, or that the chat ended: to every tab they have open here. Either way the
     * wait they were told of is over; a new one (after {@code agent.left}) starts with its own first place.
     */
    void notice(@Observes VisitorNotice notice) {
        var connections = byVisitor.get(notice.audience().visitorId());
        if (connections != null) {
            var frame = notice.frame().toString();
            connections.keySet().forEach(connection -> {
                connection.leftQueue();
                connection.send(frame);
            });
        }
    }

    /** An agent who may reply is typing (the visitor's own typing is not sent back to them). */
    void signal(@Observes ConversationSignal event) {
        var signal = event.json();
        if (!ConversationSignal.TYPING.equals(event.type()) || !signal.getBoolean("toVisitor", false)
                || event.audience() == null) {
            return;
        }
        var connections = byVisitor.get(event.audience().visitorId());
        if (connections != null) {
            var frame = Signals.forVisitor(signal).toString();
            connections.keySet().forEach(connection -> connection.send(frame));
        }
    }

    /** A block came into force somewhere: every socket it covers gets an error frame and is closed. */
    void blocked(@Observes BlockImposed block) {
        var error = Frames.error("visitor.blocked", "You cannot chat here.");
        var network = block.networkCidr() == null ? null : new Network(block.networkCidr());
        byVisitor.forEach((visitorId, connections) -> connections.forEach((connection, address) -> {
            if (network == null ? block.visitorId() == visitorId.longValue() : network.contains(address)) {
                connection.refuse(error, CloseReason.CloseCodes.VIOLATED_POLICY);
            }
        }));
        if (network != null) {
            waiting.forEach((connection, held) -> {
                if (network.contains(held.address())) {
                    connection.refuse(error, CloseReason.CloseCodes.VIOLATED_POLICY);
                }
            });
        }
    }

    /**
     * The inbox's queue moved: each waiting visitor connected here learns their place (1 = next) and, when the
     * inbox's pace is known, the estimated wait; only when that changed from what their socket was told last.
     */
    void queueMoved(@Observes QueueMoved moved) {
        var visitorIds = moved.visitorIds();
        var secondsPerPlace = moved.secondsPerPlace();
        for (int i = 0; i < visitorIds.size(); i++) {
            var connections = byVisitor.get(visitorIds.get(i));
            if (connections == null) {
                continue;
            }
            var wait = secondsPerPlace == null ? null : secondsPerPlace * (i + 1);
            var position = i + 1;
            connections.keySet().forEach(connection -> tellPlace(connection, position, visitorIds.size(), wait));
        }
    }

    /**
     * Tells one socket its visitor's place in the queue (1 = next) of {@code waiting} and the estimated wait (null:
     * unknown), unless it was told the same place and the same wait in whole minutes last.
     */
    public static void tellPlace(Connection connection, int position, int waiting, Long waitSeconds) {
        var minutes = waitSeconds == null ? null : Math.max(1, Math.round(waitSeconds / 60.0));
        var place = new QueuePlace(position, minutes);
        connection.queuePlace(place, () -> {
            var json = JSON.createObjectBuilder().add("type", "queue.position").add("position", position)
                    .add("waiting", waiting);
            if (waitSeconds != null) {
                json.add("estimatedWaitSeconds", waitSeconds);
            }
            return json.build().toString();
        });
    }

    /** What the widget shows of a place in the queue: the place and the wait in whole minutes (null: unknown). */
    private record QueuePlace(int position, Long waitMinutes) {
    }

    public int count() {
        return byVisitor.values().stream().mapToInt(Map::size).sum() + waiting.size();
    }
}
