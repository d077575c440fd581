package com.switchboard.routing.control;

import com.switchboard.conversation.entity.Conversation;
import com.switchboard.messaging.events.AgentNews;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.routing.entity.Invitation;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** An invitation nobody answered in time expires, woken by its timer or, if that was lost, by the sweeper. */
@Stateless
public class InvitationExpiry {

    @PersistenceContext
    EntityManager em;

    @EJB
    RoutingTimers timers;

    @EJB
    EventTopic topic;

    /** The deadline passed without an answer; a decided invitation stays as it is, an early wake-up re-arms. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void expire(long invitationId) {
        var invitation = em.find(Invitation.class, invitationId);
        if (invitation == null) {
            return;
        }
        if (em.find(Conversation.class, invitation.getConversation().getId(), LockModeType.PESSIMISTIC_WRITE) == null) {
            return; // deleted, its invitations with it, while this waited for its lock
        }
        em.refresh(invitation);
        var now = Instant.now();
        if (!invitation.isPending()) {
            return;
        }
        if (!invitation.isDue(now)) {
            timers.armInvitation(invitationId, invitation.getDeadline());
            return;
        }
        invitation.expire(now);
        topic.publish(AgentNews.of(InvitationEvent.answered(invitation)));
    }
}
