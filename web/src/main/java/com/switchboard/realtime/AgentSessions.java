package com.switchboard.realtime;

import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.MessageStatusEvent;
import jakarta.json.JsonObject;
import com.switchboard.inbox.boundary.InboxService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent sockets this node holds, by agent. Each node pushes committed events only to its own sockets; the
 * conversation-events topic brings every event to every node.
 */
@ApplicationScoped
public class AgentSessions {

    private static final Logger LOG = Logger.getLogger(AgentSessions.class.getName());

    private final Map<Long, Set<Session>> byAgent = new ConcurrentHashMap<>();

    @EJB
    InboxService inboxes;

    public void add(long agentId, Session session) {
        byAgent.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    public void remove(long agentId, Session session) {
        byAgent.computeIfPresent(agentId, (id, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Sends the event to every connected agent of its inbox, on every tab they have open. */
    public void push(ConversationEvent event) {
        push(event.inboxId(), event.toJson());
    }

    /** Receipts reach the agents' side the same way: the sender of a visitor-bound message sees it arrive. */
    public void push(MessageStatusEvent event) {
        push(event.inboxId(), event.toJson());
    }

    private void push(long inboxId, JsonObject event) {
        if (byAgent.isEmpty()) {
            return;
        }
        var frame = event.toString();
        for (var agentId : inboxes.memberAgentIds(inboxId)) {
            for (var session : byAgent.getOrDefault(agentId, Set.of())) {
                send(session, frame);
            }
        }
    }

    private static void send(Session session, String frame) {
        // One writer at a time per socket: the container refuses concurrent writes on the same session.
        synchronized (session) {
            if (!session.isOpen()) {
                return;
            }
            try {
                session.getBasicRemote().sendText(frame);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "Dropped a frame to a closing socket", e);
            }
        }
    }
}
