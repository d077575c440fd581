package com.switchboard.conversation.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.conversation.entity.AgentConversationKey;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationParticipant;
import com.switchboard.inbox.entity.Inbox;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a conversation and where it waits, as routing, transfers and invitations change it: the conversation
 * capability stays the one writer of its rows. Each operation takes a conversation whose row the caller's
 * transaction has locked; what the change means for routing (decisions, offers, events) is the caller's.
 */
@Stateless
public class HandOver {

    @PersistenceContext
    EntityManager em;

    /**
     * The agent holds it now (an accepted offer, a take, an assignment, a hand-on); a colleague taking part in it
     * holds it instead of taking part. A closed conversation changes hands and stays closed.
     */
    public void assign(Conversation conversation, Agent agent) {
        conversation.assignTo(agent);
        Optional.ofNullable(em.find(ConversationParticipant.class,
                new AgentConversationKey(agent.getId(), conversation.getId()))).ifPresent(em::remove);
    }

    /** Offered to an agent: nobody holds it until they accept. */
    public void offered(Conversation conversation) {
        conversation.offered();
    }

    /** An offer ended without an accept: back in the queue, behind nobody who came later. */
    public void requeue(Conversation conversation) {
        conversation.requeue();
    }

    /** Its holder lets go (gone offline, transferring it): an open conversation waits for another agent. */
    public void release(Conversation conversation) {
        conversation.release(Instant.now());
    }

    /** Into another inbox's queue, held by nobody; a closed one stays closed. */
    public void moveTo(Conversation conversation, Inbox target) {
        conversation.moveTo(target, Instant.now());
    }
}
