package com.switchboard.conversation.control;

import com.switchboard.agent.control.AgentFreed;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.EndedBy;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/** Ends a conversation, whoever ends it (an agent, the visitor, a legacy system, inactivity), and says who. */
@Stateless
public class ConversationCloser {

    @EJB
    ConversationEventPublisher events;

    @Inject
    Event<ConversationClosed> closed;

    @Inject
    Event<AgentFreed> agentFreed;

    /**
     * Closes the locked conversation, recording who did; a held one gives its agent's place to whoever waits.
     * Closing a closed one keeps who closed it first.
     */
    public void close(Conversation conversation, EndedBy by) {
        var held = conversation.getStatus() == ConversationStatus.ASSIGNED;
        var wasClosed = conversation.getStatus() == ConversationStatus.CLOSED;
        conversation.close(Instant.now(), by);
        if (!wasClosed) {
            closed.fire(new ConversationClosed(conversation.getId(), conversation.getInbox().getId(), by));
            events.closed(conversation.getId());
        }
        if (held) {
            agentFreed.fire(new AgentFreed(conversation.getAssignee().getId()));
        }
    }
}
