package com.switchboard.realtime;

import com.switchboard.conversation.control.ConversationEvent;
import com.switchboard.conversation.control.MessageStatusEvent;
import com.switchboard.inbox.boundary.InboxService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
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
        pushToInbox(event.inboxId(), event.toJson().toString());
    }

    /** Receipts reach the agents' side the same way: the sender of a visitor-bound message sees it arrive. */
    public void push(MessageStatusEvent event) {
        pushToInbox(event.inboxId(), event.toJson().toString());
    }

    /** An event for one agent (their offer, their new conversation), or for the whole inbox (a broadcast). */
    public void push(JsonObject event) {
        var frame = event.toString();
        if (event.containsKey("agentId")) {
            byAgent.getOrDefault(event.getJsonNumber("agentId").longValueExact(), Set.of())
                    .forEach(session -> send(session, frame));
        } else {
            pushToInbox(event.getJsonNumber("inboxId").longValueExact(), frame);
        }
    }

    private void pushToInbox(long inboxId, String frame) {
        if (byAgent.isEmpty()) {
            return;
        }
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
