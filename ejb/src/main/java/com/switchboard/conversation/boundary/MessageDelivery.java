package com.switchboard.conversation.boundary;

import com.switchboard.conversation.control.ConversationGuard;
import com.switchboard.conversation.control.DeliveryStatuses;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.conversation.entity.DeliveryStatus;
import com.switchboard.conversation.entity.Recipient;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * Receipts: the receiving side reports how far messages got (QUEUED → DELIVERED → READ, or FAILED with a reason),
 * for every message it receives up to a seq at once. Statuses never go back and repeated receipts change nothing;
 * each change reaches the sender's side as a {@code message.status} event. An agent reading a conversation
 * ({@link AgentWorkspace#markRead}) makes the visitor's messages READ.
 */
@Stateless
public class MessageDelivery {

    public static final String VISITOR_LEFT = "visitor.left";
    public static final String AGENT_UNASSIGNED = "agent.unassigned";

    @EJB
    ConversationGuard guard;

    @EJB
    DeliveryStatuses statuses;

    @EJB
    VisitorMessages visitorMessages;

    /** The visitor's widget received the agents' messages up to {@code upToSeq}. Returns how many changed. */
    public int deliveredToVisitor(String visitorToken, long conversationId, long upToSeq) {
        guard.visitorsConversation(visitorToken, conversationId);
        return statuses.advance(conversationId, Recipient.VISITOR, DeliveryStatus.DELIVERED, upToSeq, null);
    }

    /** The visitor has seen the agents' messages up to {@code upToSeq}. */
    public int readByVisitor(String visitorToken, long conversationId, long upToSeq) {
        guard.visitorsConversation(visitorToken, conversationId);
        return statuses.advance(conversationId, Recipient.VISITOR, DeliveryStatus.READ, upToSeq, null);
    }

    /** An agent's console (of someone who may read the conversation) received the visitor's messages. */
    public int deliveredToAgent(long agentId, long conversationId, long upToSeq) {
        guard.requireReadable(guard.activeAgent(agentId), guard.existing(conversationId));
        return statuses.advance(conversationId, Recipient.AGENTS, DeliveryStatus.DELIVERED, upToSeq, null);
    }

    /**
     * The visitor's last socket closed: the agents' messages of their current conversation in the inbox that had
     * not reached them FAIL with {@link #VISITOR_LEFT}. Returns how many did.
     */
    public int visitorLeft(String inboxName, String visitorToken) {
        return visitorMessages.currentPosition(inboxName, visitorToken)
                .filter(position -> position.status() != ConversationStatus.ARCHIVED)
                .map(position -> guard.existing(position.conversationId()))
                .filter(conversation -> conversation.activity().lastSeq() > 0)
                .map(conversation -> failed(conversation.getId(), Recipient.VISITOR, conversation.activity().lastSeq(),
                        VISITOR_LEFT))
                .orElse(0);
    }

    /**
     * Messages to {@code recipient} up to {@code upToSeq} that were not delivered cannot be: FAILED with a reason
     * code such as {@link #VISITOR_LEFT} or {@link #AGENT_UNASSIGNED}. For the server's delivery side, which
     * decides this itself; a delivered or read message stays so.
     */
    public int failed(long conversationId, Recipient recipient, long upToSeq, String reason) {
        return statuses.advance(conversationId, recipient, DeliveryStatus.FAILED, upToSeq, reason);
    }
}
