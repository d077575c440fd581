package com.switchboard.conversation.boundary;

import static com.switchboard.input.Jsonp.JSON;
import static com.switchboard.messaging.events.ConversationSignal.DRAFT;
import static com.switchboard.messaging.events.ConversationSignal.READ_POSITION;
import static com.switchboard.messaging.events.ConversationSignal.TYPING;
import static com.switchboard.messaging.events.ConversationSignal.VISITOR_CONTEXT;
import static com.switchboard.messaging.events.ConversationSignal.VISITOR_PRESENCE;

import com.switchboard.conversation.control.ConversationEventPublisher;
import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.NameTheVisitorSees;
import com.switchboard.visitor.boundary.VisitorPresence;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * What the sockets pass on without storing it as a conversation entry: who is typing, whether the visitor is
 * connected, which page they are on, and an agent's draft and read position reaching their other tabs. Each is checked against who may do it at that moment, and sent to
 * the conversation's audience only once the transaction (if it stores anything) commits. {@code socketId} names
 * the tab it came from, which does not get it back.
 */
@Stateless
public class LiveSignals {

    @EJB
    ConversationGuard guard;

    @EJB
    ConversationEventPublisher events;

    @EJB
    AgentWorkspace workspace;

    @EJB
    VisitorPresence presence;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    public void visitorTyping(String visitorToken, long conversationId, boolean typing, String socketId) {
        guard.visitorsConversation(visitorToken, conversationId);
        events.publishSignal(TYPING, conversationId, JSON.createObjectBuilder().add("author", "VISITOR")
                .add("typing", typing).add("socketId", socketId));
    }

    /**
     * The visitor's first socket on this node opened: they count as online, and the agents of their current
     * conversation in that inbox (if any) see it.
     */
    public void visitorArrived(long visitorId, long inboxId) {
        presence.arrived(visitorId);
        publishPresence(visitorId, inboxId, true);
    }

    /**
     * The visitor's last socket on this node closed: offline unless another node holds one of theirs. Returns
     * whether one does.
     */
    public boolean visitorDeparted(long visitorId, long inboxId) {
        var elsewhere = presence.departed(visitorId);
        publishPresence(visitorId, inboxId, elsewhere);
        return elsewhere;
    }

    private void publishPresence(long visitorId, long inboxId, boolean online) {
        visitorMessages.currentConversationId(visitorId, inboxId).ifPresent(conversationId ->
                events.publishSignal(VISITOR_PRESENCE, conversationId, JSON.createObjectBuilder()
                        .add("online", online)));
    }

    /**
     * The widget reported the page the visitor is on now: it is kept (see {@link VisitorService#recordContext},
     * which refuses what is no http(s) address), and the agents who may read the visitor's current conversation in
     * that inbox see the page as it changes. The page and title go out as the visitor's browser sent them, checked
     * and cut: agents show them as text, and link only http(s) addresses.
     */
    public void visitorPageViewed(String visitorToken, long inboxId, VisitorContext context) {
        visitors.recordContext(visitorToken, context);
        if (context.pageUrl() == null) {
            return;
        }
        var visitorId = visitors.requireByToken(visitorToken).getId();
        visitorMessages.currentConversationId(visitorId, inboxId).ifPresent(conversationId -> {
            var page = JSON.createObjectBuilder().add("pageUrl", context.pageUrl());
            if (context.pageTitle() == null) {
                page.addNull("pageTitle");
            } else {
                page.add("pageTitle", context.pageTitle());
            }
            events.publishSignal(VISITOR_CONTEXT, conversationId, page);
        });
    }

    /** The visitor sees an agent typing only when that agent may reply; colleagues see any agent who may read. */
    public void agentTyping(long agentId, long conversationId, boolean typing, String socketId) {
        var agent = guard.activeAgent(agentId);
        var conversation = guard.existing(conversationId);
        guard.requireReadable(agent, conversation);
        events.publishSignal(TYPING, conversationId, JSON.createObjectBuilder().add("author", "AGENT")
                .add("agentId", agentId).add("agentName", agent.getDisplayName())
                .add("visitorAgentName", NameTheVisitorSees.of(conversation.getInbox(), agent)).add("typing", typing)
                .add("toVisitor", guard.canReply(agent, conversation)).add("socketId", socketId));
    }

    /** Keeps the draft (see {@link AgentWorkspace#saveDraft}) and shows it in the agent's other tabs. */
    public void draftSaved(long agentId, long conversationId, String text, String socketId) {
        workspace.saveDraft(agentId, conversationId, text);
        var draft = workspace.draft(agentId, conversationId).orElse("");
        events.publishSignal(DRAFT, conversationId, JSON.createObjectBuilder().add("agentId", agentId)
                .add("text", draft).add("socketId", socketId));
    }

    /** The agent read up to {@code seq} (see {@link AgentWorkspace#markRead}); their other tabs follow. */
    public void read(long agentId, long conversationId, long seq, String socketId) {
        workspace.markRead(agentId, conversationId, seq);
        events.publishSignal(READ_POSITION, conversationId, JSON.createObjectBuilder().add("agentId", agentId)
                .add("seq", seq).add("socketId", socketId));
    }
}
