package com.switchboard.realtime;

import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.AgentTokensRevoked;
import com.switchboard.messaging.events.Audience;
import com.switchboard.messaging.events.ConversationEvent;
import com.switchboard.messaging.events.ConversationSignal;
import com.switchboard.messaging.events.CustomerChanged;
import com.switchboard.messaging.events.CustomerTagsChanged;
import com.switchboard.messaging.events.MessageStatusEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent sockets this node holds, by agent (every tab of an agent gets what is meant for the agent, so tabs
 * stay in sync). Each node pushes committed events only to its own sockets; the conversation-events topic brings
 * every event to every node. Who receives a conversation's events is the read rule of
 * {@code ConversationVisibility}, from the audience the event carries: the holder, the participants, the
 * overseers (admins and supervisors), and the inbox's members while nobody holds it.
 */
@ApplicationScoped
public class AgentSessions {

    private final Map<Long, Set<Connection>> byAgent = new ConcurrentHashMap<>();
    /** Agents connected here who oversee every conversation (their roles when their socket opened). */
    private final Set<Long> overseers = ConcurrentHashMap.newKeySet();

    @Inject
    InboxMembers members;

    public void add(long agentId, boolean oversees, Connection connection) {
        byAgent.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(connection);
        if (oversees) {
            overseers.add(agentId);
        }
    }

    public void remove(long agentId, Connection connection) {
        byAgent.computeIfPresent(agentId, (id, connections) -> {
            connections.remove(connection);
            if (connections.isEmpty()) {
                overseers.remove(id);
                return null;
            }
            return connections;
        });
    }

    public int count() {
        return byAgent.values().stream().mapToInt(Set::size).sum();
    }

    /** A new conversation entry, to every tab of everyone who may read the conversation. */
    void created(@Observes ConversationEvent event) {
        if (byAgent.isEmpty()) {
            return;
        }
        var entry = new Connection.Entry(event.seq(), event.frame().build().toString());
        for (var agentId : recipients(event.inboxId(), event.audience())) {
            for (var connection : byAgent.getOrDefault(agentId, Set.of())) {
                connection.live(event.conversationId(), entry);
            }
        }
    }

    /** Receipts reach the agents' side the same way: the sender of a visitor-bound message sees it arrive. */
    void status(@Observes MessageStatusEvent event) {
        if (byAgent.isEmpty()) {
            return;
        }
        var frame = event.frame().build().toString();
        for (var agentId : recipients(event.inboxId(), event.audience())) {
            byAgent.getOrDefault(agentId, Set.of()).forEach(connection -> connection.send(frame));
        }
    }

    /**
     * A signal: typing and the visitor's presence go to whoever may read the conversation, an agent's draft or
     * read position to that agent's tabs; never back to the tab it came from.
     */
    void signal(@Observes ConversationSignal event) {
        if (byAgent.isEmpty()) {
            return;
        }
        var signal = event.json();
        var frame = Signals.forClient(signal).toString();
        var from = signal.getString("socketId", "");
        var agentId = signal.containsKey("agentId") ? signal.getJsonNumber("agentId").longValueExact() : null;
        Set<Long> to = event.forReaders() ? recipients(event.inboxId(), event.audience())
                : agentId == null ? Set.of() : Set.of(agentId);
        for (var recipient : to) {
            for (var connection : byAgent.getOrDefault(recipient, Set.of())) {
                if (!connection.id().equals(from)) {
                    connection.send(frame);
                }
            }
        }
    }

    /** A routing event for one agent (their offer, their new conversation), or for the whole inbox (a broadcast). */
    void news(@Observes AgentNews news) {
        var frame = news.frame().toString();
        if (news.agentId() != null) {
            byAgent.getOrDefault(news.agentId(), Set.of()).forEach(connection -> connection.send(frame));
        } else if (!byAgent.isEmpty()) {
            for (var agentId : members.of(news.inboxId())) {
                byAgent.getOrDefault(agentId, Set.of()).forEach(connection -> connection.send(frame));
            }
        }
    }

    /** A customer's card changed: to who may read one of their conversations ({@link CustomerChanged}). */
    void customerChanged(@Observes CustomerChanged changed) {
        if (byAgent.isEmpty()) {
            return;
        }
        var frame = changed.frame().toString();
        var recipients = new HashSet<>(overseers);
        changed.inboxIds().forEach(inboxId -> recipients.addAll(members.of(inboxId)));
        recipients.addAll(changed.agentIds());
        for (var agentId : recipients) {
            byAgent.getOrDefault(agentId, Set.of()).forEach(connection -> connection.send(frame));
        }
    }

    /** Every agent connected here reads the catalogue of customer tags again. */
    void tagsChanged(@Observes CustomerTagsChanged event) {
        var frame = event.toJson().toString();
        byAgent.values().forEach(connections -> connections.forEach(connection -> connection.send(frame)));
    }

    /** The agent's tokens were revoked: their sockets here close, and they must sign in again. */
    void tokensRevoked(@Observes AgentTokensRevoked event) {
        var connections = byAgent.get(event.agentId());
        if (connections != null) {
            connections.forEach(connection -> connection.refuse(Frames.error("auth.revoked",
                    "You were signed out (a sign-out, a new password or a deactivation): sign in again."),
                    CloseReason.CloseCodes.VIOLATED_POLICY));
        }
    }

    /** The agents connected here who may read the conversation; an event without an audience goes to its inbox. */
    private Set<Long> recipients(long inboxId, Audience audience) {
        var recipients = new HashSet<Long>();
        if (audience == null || audience.openToInbox()) {
            recipients.addAll(members.of(inboxId));
        }
        if (audience != null) {
            if (audience.assigneeId() != null) {
                recipients.add(audience.assigneeId());
            }
            recipients.addAll(audience.participantIds());
        }
        recipients.addAll(overseers);
        recipients.retainAll(byAgent.keySet());
        return recipients;
    }
}
