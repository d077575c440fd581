package com.switchboard.realtime.visitor;

import com.switchboard.conversation.boundary.LiveSignals;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.conversation.control.FirstMessageAdmission;
import com.switchboard.conversation.control.PostedMessage;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.InternalEvent;
import com.switchboard.realtime.Connection;
import com.switchboard.realtime.VisitorSessions;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which visitor a widget socket belongs to on this node, and the presence that follows: a socket whose visitor
 * has a row is one of the visitor's sockets ({@link VisitorSessions}), and the visitor's first socket here makes
 * them online for the agents. A socket whose visitor has not acted yet waits apart; their first message or
 * introduction makes the row, and the socket joins (inside that transaction, so no event of the conversation it
 * starts slips past), followed by the other sockets of that token waiting here.
 */
@ApplicationScoped
class VisitorSocketMembership {

    private static final Logger LOG = Logger.getLogger(VisitorSocketMembership.class.getName());

    @Inject
    VisitorSessions sessions;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorMessages visitorMessages;

    @Inject
    FirstMessageAdmission admission;

    @EJB
    LiveSignals signals;

    /** A socket whose visitor has no row yet: it waits apart (a network block still closes it). */
    void waitApart(Connection connection, SocketVisitor visitor) {
        sessions.await(connection, visitor.token(), visitor.address());
    }

    void stopWaiting(Connection connection) {
        sessions.stopWaiting(connection);
    }

    /** The socket speaks for this visitor; their first socket here makes them online for the agents. */
    void attach(Session session, Connection connection, long visitorId, String token) {
        var visitor = SocketVisitor.of(session);
        visitor.become(visitorId, token);
        if (sessions.add(visitorId, connection, visitor.address())) {
            arrived(visitor, visitorId);
        }
    }

    /** Whether that was the visitor's last socket anywhere: the last one here, and no other node holds one. */
    boolean detach(Session session, Connection connection) {
        var visitor = SocketVisitor.of(session);
        var visitorId = visitor.id();
        if (visitorId == null || !sessions.remove(visitorId, connection)) {
            return false;
        }
        try {
            var elsewhere = signals.visitorDeparted(visitorId, visitor.inboxId());
            if (sessions.holds(visitorId)) {
                // A new socket of theirs (a reload) opened meanwhile and may have found the row still there.
                signals.visitorArrived(visitorId, visitor.inboxId());
                return false;
            }
            return !elsewhere;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not note that a visitor left", e);
            return true;
        }
    }

    /** The socket closed: it joins nothing any more. Returns whether it was the visitor's last socket anywhere. */
    boolean closed(Session session, Connection connection) {
        sessions.stopWaiting(connection);
        SocketVisitor.of(session).close();
        return detach(session, connection);
    }

    /**
     * A message from a socket whose visitor had no row when it opened: maybe their first act, which makes the
     * row with the page this socket kept. The socket joins the visitor's sockets inside that transaction, before
     * anything is published, and notes the visitor's presence there, before the conversation exists (as a
     * socket that opened with a row did at its handshake); if the message is refused, it waits apart again as
     * before (nothing was stored). A burst of first messages takes turns ({@link FirstMessageAdmission}).
     */
    PostedMessage firstMessage(Session session, Connection connection, String text, String clientId) {
        var visitor = SocketVisitor.of(session);
        try {
            return admission.admit(() -> visitorMessages.postFirst(visitor.inbox(), visitor.token(), text, clientId,
                    visitor.kept(), visitorId -> {
                        sessions.stopWaiting(connection);
                        if (join(visitor, connection, visitorId)) {
                            signals.visitorArrived(visitorId, visitor.inboxId());
                        }
                    }));
        } catch (RuntimeException e) {
            var visitorId = visitor.leave();
            if (visitorId != null) {
                sessions.remove(visitorId, connection);
                sessions.await(connection, visitor.token(), visitor.address());
            }
            throw e;
        }
    }

    /**
     * A socket waiting apart whose visitor has a row by now (this socket's act made it, or another socket's):
     * it joins the visitor's sockets. Returns whether it has.
     */
    boolean attachedToTheirRow(Session session, Connection connection) {
        var visitor = SocketVisitor.of(session);
        if (visitor.attached()) {
            return true;
        }
        var row = visitors.findByToken(visitor.token());
        if (row.isEmpty()) {
            return false;
        }
        boolean firstHere = join(visitor, connection, row.get().getId());
        sessions.stopWaiting(connection);
        var visitorId = visitor.id();
        if (visitorId != null) {
            if (firstHere) {
                arrived(visitor, visitorId);
            }
            othersJoin(session);
        }
        return visitor.attached();
    }

    /** A frame about a conversation from a socket waiting apart: a visitor without a row has none. */
    void requireRow(Session session, Connection connection, long conversationId) {
        if (!attachedToTheirRow(session, connection)) {
            throw RequestRejectedException.notFound("conversation.unknown",
                    "There is no conversation " + conversationId + ".");
        }
    }

    /**
     * A conversation's first entry, committed on any node: the visitor acted in another tab, maybe on another node,
     * and their sockets that wait apart here join the visitor's sockets, before the pushes to those
     * ({@link VisitorSessions}, at a later priority) hand them the entry. Only while sockets wait here: one read of
     * the visitor's token.
     */
    void firstEntry(@Observes @Priority(InternalEvent.CACHES) ConversationEvent event) {
        if (event.seq() != 1 || !event.isPublic() || event.audience() == null || !sessions.anyWaiting()) {
            return;
        }
        var visitorId = event.audience().visitorId();
        String token;
        try {
            token = visitors.tokenOf(visitorId);
        } catch (RuntimeException e) {
            // The tab joins at its next frame instead, as it would without this.
            LOG.log(Level.FINE, "Could not read the token of a visitor who started a conversation", e);
            return;
        }
        for (var waiting : sessions.waitingWith(token)) {
            sessions.stopWaiting(waiting);
            var visitor = SocketVisitor.of(waiting.session());
            if (join(visitor, waiting, visitorId)) {
                arrived(visitor, visitorId);
            }
        }
    }

    /** The other sockets of the visitor's token waiting on this node join the visitor's sockets. */
    void othersJoin(Session session) {
        var visitor = SocketVisitor.of(session);
        var visitorId = visitor.id();
        if (visitorId == null) {
            return;
        }
        for (var other : sessions.waitingWith(visitor.token())) {
            sessions.stopWaiting(other);
            var otherVisitor = SocketVisitor.of(other.session());
            if (join(otherVisitor, other, visitorId)) {
                arrived(otherVisitor, visitorId);
            }
        }
    }

    /**
     * Registers a socket waiting apart as the visitor's (unless it closed, or joined already); returns whether it
     * is their first socket here. Under the socket's lock: another socket's first act may join it at any moment.
     */
    private boolean join(SocketVisitor visitor, Connection connection, long visitorId) {
        synchronized (visitor) {
            return visitor.join(visitorId) && sessions.add(visitorId, connection, visitor.address());
        }
    }

    private void arrived(SocketVisitor visitor, long visitorId) {
        try {
            signals.visitorArrived(visitorId, visitor.inboxId());
        } catch (RuntimeException e) {
            // The chat works without it; the agents see the visitor as away until their next socket.
            LOG.log(Level.WARNING, "Could not note that a visitor arrived", e);
        }
    }
}
