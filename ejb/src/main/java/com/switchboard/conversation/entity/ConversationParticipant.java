package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent invited into a conversation someone else holds: they read it and write notes, they do not reply.
 * Holding the conversation and taking part in it exclude each other.
 */
@Entity
@Table(name = "conversation_participant")
@NamedQuery(name = ConversationParticipant.OF_CONVERSATION,
        query = "SELECT p FROM ConversationParticipant p WHERE p.key.conversationId = :conversationId "
                + "ORDER BY p.invitedAt, p.key.agentId")
@NamedQuery(name = ConversationParticipant.AGENT_IDS_OF_CONVERSATION,
        query = "SELECT p.key.agentId FROM ConversationParticipant p WHERE p.key.conversationId = :conversationId")
@NamedQuery(name = ConversationParticipant.AGENT_IDS_OF_CONVERSATIONS, query = "SELECT p.key.conversationId, "
        + "p.key.agentId FROM ConversationParticipant p WHERE p.key.conversationId IN :ids")
@NamedQuery(name = ConversationParticipant.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM ConversationParticipant p WHERE p.key.conversationId IN :ids")
public class ConversationParticipant {

    public static final String AGENT_IDS_OF_CONVERSATION = "ConversationParticipant.agentIdsOfConversation";

    public static final String AGENT_IDS_OF_CONVERSATIONS = "ConversationParticipant.agentIdsOfConversations";
    public static final String OF_CONVERSATION = "ConversationParticipant.ofConversation";
    public static final String DELETE_OF_CONVERSATIONS = "ConversationParticipant.deleteOfConversations";

    @EmbeddedId
    private AgentConversationKey key;

    @ManyToOne(optional = false)
    @JoinColumn(name = "agent_id", insertable = false, updatable = false)
    private Agent agent;

    @ManyToOne(optional = false)
    @JoinColumn(name = "invited_by")
    private Agent invitedBy;

    @Column(name = "invited_at")
    private Instant invitedAt;

    protected ConversationParticipant() {
    }

    public ConversationParticipant(Conversation conversation, Agent agent, Agent invitedBy, Instant invitedAt) {
        this.key = new AgentConversationKey(agent.getId(), conversation.getId());
        this.agent = agent;
        this.invitedBy = invitedBy;
        this.invitedAt = invitedAt;
    }

    public Agent getAgent() {
        return agent;
    }

    public Agent getInvitedBy() {
        return invitedBy;
    }

    public Instant getInvitedAt() {
        return invitedAt;
    }
}
