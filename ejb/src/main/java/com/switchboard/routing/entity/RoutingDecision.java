package com.switchboard.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One step of a conversation's routing with its explanation: the candidates considered, why each was skipped,
 * who was chosen and why. Supervisors read these to learn why a conversation waits or why one agent got it.
 */
@Entity
@Table(name = "routing_decision")
@NamedQuery(name = RoutingDecision.OF_CONVERSATION,
        query = "SELECT d FROM RoutingDecision d WHERE d.conversationId = :conversationId ORDER BY d.id")
@NamedQuery(name = RoutingDecision.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM RoutingDecision d WHERE d.conversationId IN :ids")
@NamedQuery(name = RoutingDecision.WAITING_UNSEEN,
        query = "SELECT c.id FROM Conversation c "
                + "WHERE c.status = com.switchboard.conversation.entity.ConversationStatus.WAITING "
                + "AND c.queuedAt < :before AND NOT EXISTS (SELECT d.id FROM RoutingDecision d "
                + "WHERE d.conversationId = c.id AND d.decidedAt >= c.queuedAt) ORDER BY c.queuedAt, c.id")
@NamedQuery(name = RoutingDecision.WAITING_IN_INBOX,
        query = "SELECT c.id FROM Conversation c WHERE c.inbox.id = :inboxId "
                + "AND c.status = com.switchboard.conversation.entity.ConversationStatus.WAITING ORDER BY c.queuedAt, c.id")
@NamedQuery(name = RoutingDecision.WAITING_VISITORS_IN_INBOX,
        query = "SELECT c.visitor.id FROM Conversation c WHERE c.inbox.id = :inboxId "
                + "AND c.status = com.switchboard.conversation.entity.ConversationStatus.WAITING ORDER BY c.queuedAt, c.id")
@NamedQuery(name = RoutingDecision.HELD_IN_REROUTING_INBOXES,
        query = "SELECT c.id FROM Conversation c WHERE c.assignee.id = :agentId AND c.inbox.rerouteWhenAgentLeaves = TRUE "
                + "AND c.status = com.switchboard.conversation.entity.ConversationStatus.ASSIGNED ORDER BY c.id")
@NamedQuery(name = RoutingDecision.OPEN_OF_VISITOR,
        query = "SELECT c.id FROM Conversation c WHERE c.visitor.id = :visitorId AND c.status IN ("
                + "com.switchboard.conversation.entity.ConversationStatus.WAITING, "
                + "com.switchboard.conversation.entity.ConversationStatus.OFFERED, "
                + "com.switchboard.conversation.entity.ConversationStatus.ASSIGNED) ORDER BY c.id")
@NamedQuery(name = RoutingDecision.OPEN_WITH_VISITOR_ADDRESS,
        query = "SELECT c.id, c.visitor.id, c.visitor.ipAddress FROM Conversation c WHERE c.status IN ("
                + "com.switchboard.conversation.entity.ConversationStatus.WAITING, "
                + "com.switchboard.conversation.entity.ConversationStatus.OFFERED, "
                + "com.switchboard.conversation.entity.ConversationStatus.ASSIGNED) ORDER BY c.id")
@NamedQuery(name = RoutingDecision.INBOXES_WITH_WAITING,
        query = "SELECT DISTINCT c.inbox.id FROM Conversation c "
                + "WHERE c.status = com.switchboard.conversation.entity.ConversationStatus.WAITING")
public class RoutingDecision {

    public static final String OF_CONVERSATION = "RoutingDecision.ofConversation";
    public static final String DELETE_OF_CONVERSATIONS = "RoutingDecision.deleteOfConversations";
    /** Conversations waiting since before {@code :before} that the router has not looked at since they queued. */
    public static final String WAITING_UNSEEN = "RoutingDecision.waitingUnseen";
    // The router's other reads of the conversations it routes: routing's queries live with routing.
    public static final String WAITING_IN_INBOX = "RoutingDecision.waitingInInbox";
    public static final String WAITING_VISITORS_IN_INBOX = "RoutingDecision.waitingVisitorsInInbox";
    public static final String HELD_IN_REROUTING_INBOXES = "RoutingDecision.heldInReroutingInboxes";
    public static final String INBOXES_WITH_WAITING = "RoutingDecision.inboxesWithWaiting";
    /** Open, held ones too: a router may be giving one back to routing (its holder gone) and offering it. */
    public static final String OPEN_OF_VISITOR = "RoutingDecision.openOfVisitor";
    /** The same for every visitor, with the address each was last seen at: for a network's block. */
    public static final String OPEN_WITH_VISITOR_ADDRESS = "RoutingDecision.openWithVisitorAddress";
    public static final int MAX_EXPLANATION = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id")
    private long conversationId;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Enumerated(EnumType.STRING)
    private RoutingOutcome outcome;

    @Column(name = "agent_id")
    private Long agentId;

    private String explanation;

    protected RoutingDecision() {
    }

    public RoutingDecision(long conversationId, Instant decidedAt, RoutingOutcome outcome, Long agentId,
                           String explanation) {
        this.conversationId = conversationId;
        this.decidedAt = decidedAt;
        this.outcome = outcome;
        this.agentId = agentId;
        this.explanation = explanation.length() <= MAX_EXPLANATION ? explanation
                : explanation.substring(0, MAX_EXPLANATION - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public long getConversationId() {
        return conversationId;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public RoutingOutcome getOutcome() {
        return outcome;
    }

    public Long getAgentId() {
        return agentId;
    }

    public String getExplanation() {
        return explanation;
    }
}
