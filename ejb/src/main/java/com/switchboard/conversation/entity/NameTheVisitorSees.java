package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.inbox.entity.Inbox;

/**
 * The one rule for the name a visitor (and what speaks for them: their transcript, the legacy systems' events)
 * sees for an agent: the inbox's operator name when it has one (the whole team writes as, say, "Acme Support"),
 * else the agent's public name, else their account name. Agents always see each other's account names.
 */
public final class NameTheVisitorSees {

    private NameTheVisitorSees() {
    }

    /** Null for no agent. */
    public static String of(Inbox inbox, Agent agent) {
        if (agent == null) {
            return null;
        }
        return of(inbox == null ? null : inbox.getOperatorName(), agent.getPublicName(), agent.getDisplayName());
    }

    public static String of(String operatorName, String publicName, String accountName) {
        if (operatorName != null) {
            return operatorName;
        }
        return publicName != null ? publicName : accountName;
    }
}
