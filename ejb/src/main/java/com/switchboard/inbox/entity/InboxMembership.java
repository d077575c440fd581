package com.switchboard.inbox.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Capacity;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An agent's place in an inbox, with how many of its conversations the agent may hold at once. */
@Entity
@Table(name = "inbox_membership")
@NamedQuery(name = InboxMembership.AGENT_IDS_OF_INBOX,
        query = "SELECT m.agent.id FROM InboxMembership m WHERE m.inbox.id = :inboxId AND m.agent.active = TRUE")
@NamedQuery(name = InboxMembership.INBOX_IDS_OF_AGENT,
        query = "SELECT m.inbox.id FROM InboxMembership m WHERE m.agent.id = :agentId")
@NamedQuery(name = InboxMembership.COUNT_BY_INBOX,
        query = "SELECT m.inbox.id, COUNT(m) FROM InboxMembership m WHERE m.agent.active = TRUE GROUP BY m.inbox.id")
@NamedQuery(name = InboxMembership.OF_INBOX,
        query = "SELECT m FROM InboxMembership m JOIN FETCH m.agent a WHERE m.inbox.id = :inboxId "
                + "AND a.active = TRUE ORDER BY a.displayName")
@NamedQuery(name = InboxMembership.OF_INBOX_AND_AGENT,
        query = "SELECT m FROM InboxMembership m WHERE m.inbox.id = :inboxId AND m.agent.id = :agentId")
@NamedQuery(name = InboxMembership.ONLINE_MEMBERS,
        query = "SELECT COUNT(m) FROM InboxMembership m WHERE m.inbox.id = :inboxId AND m.agent.active = TRUE "
                + "AND m.agent.presence = com.switchboard.agent.entity.Presence.ONLINE")
public class InboxMembership {

    public static final String AGENT_IDS_OF_INBOX = "InboxMembership.agentIdsOfInbox";
    public static final String INBOX_IDS_OF_AGENT = "InboxMembership.inboxIdsOfAgent";
    public static final String OF_INBOX = "InboxMembership.ofInbox";
    public static final String COUNT_BY_INBOX = "InboxMembership.countByInbox";
    public static final String OF_INBOX_AND_AGENT = "InboxMembership.ofInboxAndAgent";
    public static final String ONLINE_MEMBERS = "InboxMembership.onlineMembers";
    public static final int DEFAULT_CAPACITY = Capacity.DEFAULT;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "inbox_id")
    private Inbox inbox;

    @ManyToOne(optional = false)
    @JoinColumn(name = "agent_id")
    private Agent agent;

    private int capacity;

    @Version
    private long version;

    protected InboxMembership() {
    }

    public InboxMembership(Inbox inbox, Agent agent, int capacity) {
        this.inbox = inbox;
        this.agent = agent;
        changeCapacity(capacity);
    }

    public final void changeCapacity(int newCapacity) {
        this.capacity = Capacity.validate(newCapacity, "inbox.member.capacity");
    }

    public Inbox getInbox() {
        return inbox;
    }

    public Agent getAgent() {
        return agent;
    }

    public int getCapacity() {
        return capacity;
    }
}
