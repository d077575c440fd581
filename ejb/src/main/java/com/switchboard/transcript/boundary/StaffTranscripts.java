package com.switchboard.transcript.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.transcript.control.StaffTimelines;
import com.switchboard.transcript.control.TranscriptRights;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A conversation's full transcript for the staff (the admin console's download, the API's): admins any
 * conversation's, supervisors those of their inboxes, agents none ({@link TranscriptRights}).
 */
@Stateless
public class StaffTranscripts {

    @PersistenceContext
    EntityManager em;

    @EJB
    TranscriptRights rights;

    @EJB
    StaffTimelines timelines;

    public StaffTranscript of(long agentId, long conversationId) {
        var scope = rights.scopeOf(agentId);
        var conversation = em.find(Conversation.class, conversationId);
        if (conversation == null) {
            throw ConversationGuard.unknown(conversationId);
        }
        rights.requireCovered(scope, conversation.getInbox());
        return timelines.of(conversationId, scope.reader().getDisplayName()).orElseThrow();
    }
}
