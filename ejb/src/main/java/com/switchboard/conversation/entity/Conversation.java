package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.visitor.entity.Visitor;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "conversation")
@NamedQuery(name = Conversation.LATEST_OF_VISITOR_IN_INBOX,
        query = "SELECT c FROM Conversation c WHERE c.visitor.id = :visitorId AND c.inbox.id = :inboxId "
                + "ORDER BY c.id DESC")
public class Conversation {

    public static final String LATEST_OF_VISITOR_IN_INBOX = "Conversation.latestOfVisitorInInbox";
    public static final int DUE = 0;
    public static final int AWAITING = 1;
    public static final int SETTLED = 2;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "inbox_id")
    private Inbox inbox;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "visitor_id")
    private Visitor visitor;

    @Enumerated(EnumType.STRING)
    private ConversationStatus status;

    /** Sequence number of the newest event; the next message gets {@code lastSeq + 1}. */
    @Column(name = "last_seq")
    private long lastSeq;

    /** The agent who holds the conversation; null while it waits. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assignee_id")
    private Agent assignee;

    /**
     * The same column, read-only, for queries: "held by nobody" as a plain IS NULL (EclipseLink turns an IS NULL
     * on the relationship into an inner join once the list fetches the assignee with it, losing the waiting ones).
     */
    @Column(name = "assignee_id", insertable = false, updatable = false)
    private Long assigneeId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Column(name = "first_response_at")
    private Instant firstResponseAt;

    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    /** When the earliest visitor message that no agent has answered yet arrived; null when nothing awaits a reply. */
    @Column(name = "unanswered_since")
    private Instant unansweredSince;

    /** By when that message should be answered (the inbox's reply time limit); null when answered or unlimited. */
    @Column(name = "reply_deadline")
    private Instant replyDeadline;

    /**
     * Processing order as a plain column, so the list sorts by columns alone, whatever the database does with
     * NULLs: {@link #DUE} (awaiting a reply by a deadline), {@link #AWAITING} (awaiting one, no limit), then
     * {@link #SETTLED}.
     */
    @Column(name = "processing_rank")
    private int processingRank = SETTLED;

    /** The newest public message (what the list previews): its seq and time; null before the first one. */
    @Column(name = "last_message_seq")
    private Long lastMessageSeq;

    @Column(name = "last_message_at")
    private Instant lastMessageAt;

    @ElementCollection
    @CollectionTable(name = "conversation_tag", joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @Version
    private long version;

    protected Conversation() {
    }

    public Conversation(Inbox inbox, Visitor visitor) {
        this(inbox, visitor, Channel.WIDGET);
    }

    public Conversation(Inbox inbox, Visitor visitor, Channel channel) {
        this.inbox = inbox;
        this.visitor = visitor;
        this.channel = channel;
        this.status = ConversationStatus.WAITING;
        this.createdAt = Instant.now();
        this.lastActivityAt = createdAt;
    }

    /** Appends a message with the next sequence number. The caller holds the conversation's row lock. */
    public Message append(AuthorType authorType, String body) {
        return append(authorType, body, null, null);
    }

    /**
     * The same, written by an agent (or a note), optionally quoting an earlier message by its seq. A visitor
     * message starts the reply deadline unless an earlier one still waits for its answer; an agent's public
     * reply answers everything before it. Notes and internal entries change neither.
     */
    public Message append(AuthorType authorType, String body, Agent author, Long quoteSeq) {
        lastSeq++;
        lastActivityAt = Instant.now();
        if (authorType == AuthorType.AGENT && firstResponseAt == null) {
            firstResponseAt = lastActivityAt;
        }
        if (authorType == AuthorType.VISITOR && unansweredSince == null) {
            var limit = inbox.getReplyTimeLimit();
            awaitReply(lastActivityAt, limit == null ? null : lastActivityAt.plus(limit));
        } else if (authorType == AuthorType.AGENT) {
            settle();
        }
        if (authorType.isPublic()) {
            lastMessageSeq = lastSeq;
            lastMessageAt = lastActivityAt;
        }
        return new Message(this, lastSeq, authorType, body, author, quoteSeq, lastActivityAt);
    }

    private void awaitReply(Instant since, Instant deadline) {
        unansweredSince = since;
        replyDeadline = deadline;
        processingRank = deadline == null ? AWAITING : DUE;
    }

    /** Nothing waits for a reply: answered, or closed (a visitor writing again starts a new deadline). */
    private void settle() {
        unansweredSince = null;
        replyDeadline = null;
        processingRank = SETTLED;
    }

    /** A closed conversation opens again when someone writes in it; it goes back to whoever held it. */
    public void reopen() {
        if (status == ConversationStatus.CLOSED) {
            status = assignee == null ? ConversationStatus.WAITING : ConversationStatus.ASSIGNED;
            closedAt = null;
        }
    }

    public void close(Instant when) {
        if (status != ConversationStatus.CLOSED) {
            status = ConversationStatus.CLOSED;
            closedAt = when;
        }
        settle();
    }

    /** Out of every active list, for good: new visitor messages start a new conversation. */
    public void archive(Instant when) {
        status = ConversationStatus.ARCHIVED;
        archivedAt = when;
        settle();
    }

    /** A closed conversation stays closed when it changes hands; an open one becomes ASSIGNED. */
    public void assignTo(Agent agent) {
        assignee = agent;
        if (status.isOpen()) {
            status = ConversationStatus.ASSIGNED;
        }
    }

    /** The holder lets go (e.g. they blocked the visitor): an open conversation waits for another agent. */
    public void release() {
        assignee = null;
        if (status.isOpen()) {
            status = ConversationStatus.WAITING;
        }
    }

    /** Replaces the tags with these ({@link com.switchboard.platform.entity.Tags#normalise normalised} already). */
    public void retag(Set<String> newTags) {
        tags.clear();
        tags.addAll(newTags);
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    public Agent getAssignee() {
        return assignee;
    }

    public Visitor getVisitor() {
        return visitor;
    }

    public Instant getFirstResponseAt() {
        return firstResponseAt;
    }

    public Channel getChannel() {
        return channel;
    }

    public Instant getUnansweredSince() {
        return unansweredSince;
    }

    public Instant getReplyDeadline() {
        return replyDeadline;
    }

    public int getProcessingRank() {
        return processingRank;
    }

    public boolean isAnswered() {
        return unansweredSince == null;
    }

    public Long getLastMessageSeq() {
        return lastMessageSeq;
    }

    public Instant getLastMessageAt() {
        return lastMessageAt;
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    public Long getId() {
        return id;
    }

    public Inbox getInbox() {
        return inbox;
    }

    public ConversationStatus getStatus() {
        return status;
    }

    public long getLastSeq() {
        return lastSeq;
    }
}
