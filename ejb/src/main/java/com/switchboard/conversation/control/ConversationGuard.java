package com.switchboard.conversation.control;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.function.BiFunction;

/** The checks every agent-side use of a conversation starts with, as errors the caller can act on. */
@Stateless
public class ConversationGuard {

    @PersistenceContext
    EntityManager em;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks visitorBlocks;

    @EJB
    ActiveAgents agents;

    public Agent activeAgent(long agentId) {
        return agents.require(agentId);
    }

    public Conversation existing(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation == null) {
            throw unknown(conversationId);
        }
        return conversation;
    }

    /** The conversation with its row locked: every writer of a conversation goes through this lock. */
    public Conversation locked(long conversationId) {
        var conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            throw unknown(conversationId);
        }
        return conversation;
    }

    /** See {@link ConversationVisibility}: the same predicate the lists filter with. */
    public void requireReadable(Agent agent, Conversation conversation) {
        if (!canRead(agent, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "This conversation is not yours to read.");
        }
    }

    /**
     * Public messages come from the holder, an admin, or a colleague invited in: the rules of
     * {@link ConversationAccess#canReply}, and the participants from the database.
     */
    public void requireReplier(Agent agent, Conversation conversation) {
        if (!canReply(agent, conversation)) {
            throw RequestRejectedException.forbidden("conversation.not-yours",
                    "Only the agent holding this conversation, a colleague invited into it, or an admin, can "
                            + "reply in it.");
        }
    }

    public boolean canReply(Agent agent, Conversation conversation) {
        return ConversationAccess.canReply(agent, conversation) || takesPart(agent, conversation);
    }

    public boolean takesPart(Agent agent, Conversation conversation) {
        return em.find(ConversationParticipant.class, new AgentConversationKey(agent.getId(), conversation.getId()))
                != null;
    }

    public boolean canRead(Agent agent, Conversation conversation) {
        return anyReadable(agent, (cb, root) -> cb.equal(root.get("id"), conversation.getId()));
    }

    /** Whether the agent may read at least one conversation of the visitor. */
    public boolean canReadAnyOfVisitor(Agent agent, long visitorId) {
        return anyReadable(agent, (cb, root) -> cb.equal(root.get("visitor").get("id"), visitorId));
    }

    private boolean anyReadable(Agent agent, BiFunction<CriteriaBuilder, Root<Conversation>, Predicate> which) {
        if (ConversationAccess.oversees(agent)) {
            return true;
        }
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Long.class);
        var root = query.from(Conversation.class);
        query.select(cb.count(root)).where(which.apply(cb, root),
                ConversationVisibility.readableBy(agent, cb, query, root));
        return em.createQuery(query).getSingleResult() > 0;
    }

    /**
     * The visitor's own conversation; someone else's is answered like a missing one (its existence is not theirs
     * to know). A blocked visitor reads and writes nothing.
     */
    public Conversation visitorsConversation(String visitorToken, long conversationId) {
        var visitor = activeVisitor(visitorToken);
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation == null || !conversation.getVisitor().getId().equals(visitor.getId())) {
            throw unknown(conversationId);
        }
        return conversation;
    }

    /** The visitor of this token, unless they are blocked. */
    public Visitor activeVisitor(String visitorToken) {
        var visitor = visitors.requireByToken(visitorToken);
        visitorBlocks.requireNotBlocked(visitor);
        return visitor;
    }

    public static RequestRejectedException unknown(long conversationId) {
        return RequestRejectedException.notFound("conversation.unknown",
                "There is no conversation " + conversationId + ".");
    }
}
