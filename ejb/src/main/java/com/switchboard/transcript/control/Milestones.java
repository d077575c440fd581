package com.switchboard.transcript.control;

import com.switchboard.conversation.control.ConversationArchived;
import com.switchboard.conversation.control.ConversationClosed;
import com.switchboard.conversation.control.ConversationsDeleting;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.transcript.entity.ConversationMilestone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps each close and archiving of a conversation for the staff's transcripts, in the transaction that made it
 * (a rolled-back close leaves nothing), and lets them go with a deleted conversation.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Milestones {

    @PersistenceContext
    EntityManager em;

    public void closed(@Observes ConversationClosed event) {
        record(event.conversationId(), ConversationMilestone.Kind.CLOSED, event.by());
    }

    public void archived(@Observes ConversationArchived event) {
        record(event.conversationId(), ConversationMilestone.Kind.ARCHIVED, event.by());
    }

    public void conversationsDeleting(@Observes ConversationsDeleting event) {
        em.createNamedQuery(ConversationMilestone.DELETE_OF_CONVERSATIONS)
                .setParameter("ids", event.conversationIds()).executeUpdate();
    }

    private void record(long conversationId, ConversationMilestone.Kind kind, EndedBy by) {
        // The closing transaction's own (locked) conversation: its last seq is the entry the milestone follows.
        var conversation = em.find(Conversation.class, conversationId);
        em.persist(new ConversationMilestone(conversationId, kind, conversation.activity().lastSeq(), Instant.now(),
                by));
    }
}
