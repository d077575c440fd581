package com.switchboard.conversation.control;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.inbox.entity.InboxMembership;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * The one statement of who may read a conversation, as a query predicate: admins and supervisors read every one;
 * an agent reads the ones they hold, the ones they were invited into, and the unassigned ones of the inboxes they
 * belong to. A previous holder is none of these (unless invited), so they lose the history when it changes hands.
 * Lists filter with it and {@link ConversationGuard#requireReadable} asks it about one conversation, so a list
 * never shows what cannot be opened, nor hides what can.
 */
public final class ConversationVisibility {

    private ConversationVisibility() {
    }

    public static Predicate readableBy(Agent agent, CriteriaBuilder cb, AbstractQuery<?> query,
                                       Root<Conversation> conversation) {
        if (ConversationAccess.oversees(agent)) {
            return cb.conjunction();
        }
        var invited = query.subquery(Integer.class);
        var participant = invited.from(ConversationParticipant.class);
        invited.select(cb.literal(1)).where(
                cb.equal(participant.get("key").get("conversationId"), conversation.get("id")),
                cb.equal(participant.get("key").get("agentId"), agent.getId()));

        var membership = query.subquery(Integer.class);
        var member = membership.from(InboxMembership.class);
        membership.select(cb.literal(1)).where(
                cb.equal(member.get("inbox"), conversation.get("inbox")),
                cb.equal(member.get("agent"), agent));

        var assignee = conversation.get("assigneeId");
        return cb.or(
                cb.equal(assignee, agent.getId()),
                cb.exists(invited),
                cb.and(cb.isNull(assignee), cb.exists(membership)));
    }
}
