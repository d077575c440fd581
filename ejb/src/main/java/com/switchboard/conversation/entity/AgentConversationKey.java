package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

@Embeddable
public class AgentConversationKey implements Serializable {

    @Column(name = "agent_id")
    private long agentId;

    @Column(name = "conversation_id")
    private long conversationId;

    protected AgentConversationKey() {
    }

    public AgentConversationKey(long agentId, long conversationId) {
        this.agentId = agentId;
        this.conversationId = conversationId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentConversationKey key && key.agentId == agentId
                && key.conversationId == conversationId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(agentId, conversationId);
    }
}
