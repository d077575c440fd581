package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.visitor.entity.Visitor;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
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
import org.eclipse.persistence.annotations.Customizer;

@Entity
@Table(name = "conversation")
@Customizer(EmbeddablesNeverNull.class)
@NamedQuery(name = Conversation.LATEST_OF_VISITOR_IN_INBOX,
        query = "SELECT c FROM Conversation c WHERE c.visitor.id = :visitorId AND c.entryInbox.id = :inboxId "
                + "ORDER BY c.id DESC")
@NamedQuery(name = Conversation.LATEST_OF_VISITOR_TOKEN_IN_INBOX,
        query = "SELECT c FROM Conversation c JOIN FETCH c.visitor v WHERE v.token = :token "
                + "AND c.entryInbox.id = :inboxId ORDER BY c.id DESC")
public class Conversation {

    public static final String LATEST_OF_VISITOR_IN_INBOX = "Conversation.latestOfVisitorInInbox";
    public static final String LATEST_OF_VISITOR_TOKEN_IN_INBOX = "Conversation.latestOfVisitorTokenInInbox";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The inbox whose queue and agents have the conversation now. */
    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "inbox_id")
    private Inbox inbox;

    /** The inbox whose widget the visitor started in: where they find it again after a transfer elsewhere. */
    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "entry_inbox_id")
    private Inbox entryInbox;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "visitor_id")
    private Visitor visitor;

    @Enumerated(EnumType.STRING)
    private ConversationStatus status;

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

    @Embedded
    private Endings ended = new Endings();

    @Embedded
    private InactivityDeadline inactivity = new InactivityDeadline();

    /** When it last started waiting for an agent: the queue's order. */
    @Column(name = "queued_at")
    private Instant queuedAt;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Embedded
    private AwaitedReply reply = new AwaitedReply();

    @Embedded
    private Activity activity;

    @Embedded
    private OutboundNumbering outbound = new OutboundNumbering();

    /**
     * Started while nobody answered (the widget's contact form) where the installation sends e-mail: agents'
     * answers also go to the visitor's address, if they gave one.
     */
    @Column(name = "answer_by_email")
    private boolean answerByEmail;

    @Embedded
    private CustomerCardPin customerCard = new CustomerCardPin();

    @ElementCollection
    @CollectionTable(name = "conversation_tag", joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "tag")
    // Made by the constructor that creates a new one, not by the field's initialiser: EclipseLink's locking
    // reads (a refresh) load the tags at once when the empty instance they fill already holds a collection.
    private Set<String> tags;

    @Version
    private long version;

    protected Conversation() {
    }

    /** Started by the visitor's first message at {@code now}: the conversation keeps its own clock out of it. */
    public Conversation(Inbox inbox, Visitor visitor, Channel channel, Instant now) {
        this.inbox = inbox;
        this.entryInbox = inbox;
        this.visitor = visitor;
        this.channel = channel;
        this.status = ConversationStatus.WAITING;
        this.createdAt = now;
        this.activity = new Activity(now);
        this.queuedAt = now;
        this.tags = new TreeSet<>();
    }

    /**
     * Appends a message written at {@code now} with the next sequence number. The caller holds the conversation's
     * row lock, and says the time: the conversation reads no clock of its own.
     */
    public Message append(AuthorType authorType, String body, Instant now) {
        return append(authorType, body, null, null, now);
    }

    /**
     * The same, written by an agent (or a note), optionally quoting an earlier message by its seq. A visitor
     * message starts the reply deadline unless an earlier one still waits for its answer, and ends the visitor's
     * inactivity deadline (they answered; see {@link InactivityDeadline#moveTo}); an agent's public reply answers
     * everything before it. Notes, system and internal entries change neither.
     */
    public Message append(AuthorType authorType, String body, Agent author, Long quoteSeq, Instant now) {
        var seq = activity.next(authorType, now);
        if (authorType == AuthorType.VISITOR) {
            inactivity.clear();
            var limit = inbox.getReplyTimeLimit();
            reply.visitorWrote(now, limit == null ? null : now.plus(limit));
        } else if (authorType == AuthorType.AGENT) {
            reply.settle();
        }
        return new Message(this, seq, authorType, body, author, quoteSeq, now);
    }

    /**
     * The reply deadline has passed and nobody was told yet: from now on it counts as told, until the next
     * deadline. The caller holds the row's lock, so that of several nodes only one announces it.
     *
     * @return whether the caller announces it now
     */
    public boolean announceOverdue(Instant now) {
        return status.isOpen() && reply.announceOverdue(now);
    }

    /**
     * A closed conversation opens again when someone writes in it; it goes back to whoever held it.
     *
     * @return whether it was closed (the consoles are told it opened again)
     */
    public boolean reopen(Instant now) {
        if (status != ConversationStatus.CLOSED) {
            return false;
        }
        status = assignee == null ? ConversationStatus.WAITING : ConversationStatus.ASSIGNED;
        ended.reopened();
        if (assignee == null) {
            queuedAt = now;
        }
        return true;
    }

    /**
     * Transferred to another inbox: nobody holds it any more, and an open one waits in that inbox's queue; a
     * closed one stays closed.
     */
    public void moveTo(Inbox target, Instant now) {
        inbox = target;
        release(now);
    }

    /** Offered to an agent by the router: still unassigned until they accept. */
    public void offered() {
        status = ConversationStatus.OFFERED;
    }

    /** Back in the queue (an offer was rejected, expired or withdrawn), behind nobody who came later. */
    public void requeue() {
        if (status == ConversationStatus.OFFERED) {
            status = ConversationStatus.WAITING;
        }
    }

    /** Closed by {@code by} at {@code when}; closing a closed one keeps who closed it first. */
    public void close(Instant when, EndedBy by) {
        if (status != ConversationStatus.CLOSED) {
            status = ConversationStatus.CLOSED;
            ended.closed(when, by);
        }
        inactivity.clear();
        reply.settle();
    }

    /** Out of every active list, for good: new visitor messages start a new conversation. */
    public void archive(Instant when, EndedBy by) {
        status = ConversationStatus.ARCHIVED;
        ended.archived(when, by);
        reply.settle();
        inactivity.clear();
    }

    /** When and by whom it was (last) closed and archived. */
    public Endings ended() {
        return ended;
    }

    /** When the inbox's inactivity policy acts; an agent's public message moves it, the visitor's clears it. */
    public InactivityDeadline inactivity() {
        return inactivity;
    }

    /** A closed conversation stays closed when it changes hands; an open one becomes ASSIGNED. */
    public void assignTo(Agent agent) {
        assignee = agent;
        if (status.isOpen()) {
            status = ConversationStatus.ASSIGNED;
        }
    }

    /** The holder lets go (e.g. they blocked the visitor): an open conversation waits for another agent. */
    public void release(Instant now) {
        assignee = null;
        if (status.isOpen()) {
            status = ConversationStatus.WAITING;
            queuedAt = now;
        }
    }

    /** Replaces the tags with these ({@link com.switchboard.input.Tags#normalise normalised} already). */
    public void retag(Set<String> newTags) {
        tags.clear();
        tags.addAll(newTags);
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    /** Left while the inbox was offline: answers go by e-mail too. */
    public void answerByEmail() {
        answerByEmail = true;
    }

    public boolean isAnsweredByEmail() {
        return answerByEmail;
    }

    public Agent getAssignee() {
        return assignee;
    }

    public Visitor getVisitor() {
        return visitor;
    }

    public Channel getChannel() {
        return channel;
    }

    /** The reply it owes its visitor, to read: only the conversation's own transitions change it. */
    public AwaitedReply getReply() {
        return reply;
    }

    public Activity activity() {
        return activity;
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

    /** The inbox the visitor wrote into, whose widget finds the conversation again (a transfer moves {@link #getInbox}). */
    public Inbox getEntryInbox() {
        return entryInbox;
    }

    public ConversationStatus getStatus() {
        return status;
    }

    /** Integration's numbering of the conversation's outbound events; the caller holds the row's lock. */
    public OutboundNumbering outbound() {
        return outbound;
    }

    public CustomerCardPin customerCard() {
        return customerCard;
    }
}
