package com.switchboard.conversation.entity;

import com.switchboard.agent.entity.Agent;
import com.switchboard.input.RequestRejectedException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "message")
@NamedQuery(name = Message.OF_CONVERSATION,
        query = "SELECT m FROM Message m WHERE m.conversation.id = :conversationId ORDER BY m.seq")
@NamedQuery(name = Message.FILES_OF_CONVERSATION,
        query = "SELECT a, m.seq, m.authorType FROM Attachment a, Message m "
                + "WHERE m.id = a.messageId AND a.conversationId = :conversationId ORDER BY a.id")
@NamedQuery(name = Message.FILE_WITH_MESSAGE,
        query = "SELECT a, m FROM Attachment a, Message m WHERE a.id = :attachmentId AND m.id = a.messageId")
@NamedQuery(name = Message.BY_SEQ,
        query = "SELECT m FROM Message m WHERE m.conversation.id = :conversationId AND m.seq = :seq")
@NamedQuery(name = Message.DELETE_OF_CONVERSATIONS,
        query = "DELETE FROM Message m WHERE m.conversation.id IN :ids")
@NamedQuery(name = Message.COUNT_BY_INBOX,
        query = "SELECT m.conversation.inbox.id, COUNT(m) FROM Message m GROUP BY m.conversation.inbox.id")
@NamedQuery(name = Message.STATUS_RANGE,
        query = "SELECT MIN(m.seq), MAX(m.seq) FROM Message m WHERE m.conversation = :conversation "
                + "AND m.seq <= :upTo AND m.authorType = :authorType AND m.deliveryStatus IN :lower")
@NamedQuery(name = Message.ADVANCE_STATUS,
        query = "UPDATE Message m SET m.deliveryStatus = :status, m.failureReason = :reason "
                + "WHERE m.conversation = :conversation "
                + "AND m.seq <= :upTo AND m.authorType = :authorType AND m.deliveryStatus IN :lower")
@NamedQuery(name = Message.BY_CLIENT_ID,
        query = "SELECT m FROM Message m WHERE m.conversation.id = :conversationId AND m.clientId = :clientId")
@NamedQuery(name = Message.BY_CLIENT_IDS, query = "SELECT m FROM Message m "
        + "WHERE m.conversation.id IN :conversationIds AND m.clientId IN :clientIds")
@NamedQuery(name = Message.AFTER_SEQ,
        query = "SELECT m FROM Message m LEFT JOIN FETCH m.authorAgent WHERE m.conversation.id = :conversationId "
                + "AND m.seq > :afterSeq ORDER BY m.seq")
@NamedQuery(name = Message.LAST_PUBLIC_OF_CONVERSATIONS,
        query = "SELECT m FROM Message m WHERE m.conversation.id IN :ids "
                + "AND m.seq = m.conversation.activity.lastMessageSeq")
public class Message {

    public static final String STATUS_RANGE = "Message.statusRange";
    public static final String ADVANCE_STATUS = "Message.advanceStatus";
    public static final String LAST_PUBLIC_OF_CONVERSATIONS = "Message.lastPublicOfConversations";

    public static final String COUNT_BY_INBOX = "Message.countByInbox";
    public static final String OF_CONVERSATION = "Message.ofConversation";
    public static final String BY_SEQ = "Message.bySeq";
    public static final String FILES_OF_CONVERSATION = "Message.filesOfConversation";
    public static final String FILE_WITH_MESSAGE = "Message.fileWithMessage";
    public static final String BY_CLIENT_ID = "Message.byClientId";
    public static final String BY_CLIENT_IDS = "Message.byClientIds";
    public static final String AFTER_SEQ = "Message.afterSeq";
    public static final String DELETE_OF_CONVERSATIONS = "Message.deleteOfConversations";
    public static final int MAX_LENGTH = 2000;

    /** Given before the INSERT ({@code MessageIds}), so a batch's rows go to the database as one JDBC batch. */
    @Id
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "conversation_id")
    private Conversation conversation;

    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_type")
    private AuthorType authorType;

    private String body;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_agent_id")
    private Agent authorAgent;

    @Column(name = "quote_seq")
    private Long quoteSeq;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Options offered to the visitor with this message; empty for a plain message. */
    @Convert(converter = OptionsConverter.class)
    @Column(name = "options_json")
    private List<String> options = List.of();

    /** The index of the option the visitor picked; null until they pick. */
    @Column(name = "picked_option")
    private Integer pickedOption;

    @Column(name = "picked_at")
    private Instant pickedAt;

    /** Moves only through bulk updates ({@link #ADVANCE_STATUS}) that never lower it. */
    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status")
    private DeliveryStatus deliveryStatus = DeliveryStatus.QUEUED;

    /** Why it could not be delivered (a code such as {@code visitor.left}), while FAILED. */
    @Column(name = "failure_reason")
    private String failureReason;

    /** The sender's own id of this message (a socket client's), unique per conversation: resends find it. */
    @Column(name = "client_id")
    private String clientId;

    /**
     * The agent's name as the visitor saw it when it was written ({@link NameTheVisitorSees}): what replays and
     * transcripts for the visitor show, whatever the names became since. Null for other authors and notes, and
     * for messages from before the rule.
     */
    @Column(name = "shown_author_name")
    private String shownAuthorName;

    protected Message() {
    }

    Message(Conversation conversation, long seq, AuthorType authorType, String body, Agent authorAgent,
            Long quoteSeq, Instant createdAt) {
        this.conversation = conversation;
        this.seq = seq;
        this.authorType = authorType;
        this.body = body;
        this.authorAgent = authorAgent;
        this.quoteSeq = quoteSeq;
        this.createdAt = createdAt;
        this.shownAuthorName = authorAgent != null && authorType.isPublic()
                ? NameTheVisitorSees.of(conversation.getInbox(), authorAgent) : null;
    }

    /** The name the visitor saw for its agent (see {@link #shownAuthorName}); the rule's answer now for old ones. */
    public String getShownAuthorName() {
        if (shownAuthorName != null || authorAgent == null) {
            return shownAuthorName;
        }
        return NameTheVisitorSees.of(conversation.getInbox(), authorAgent);
    }

    /** Offers the visitor these options ({@link OptionMenu#validate validated}) with this message. */
    public void offer(List<String> validOptions) {
        options = List.copyOf(validOptions);
    }

    /** Records the visitor's pick and returns its label; an option is picked once. */
    public String pick(int option, Instant when) {
        if (options.isEmpty()) {
            throw RequestRejectedException.invalid("message.no-options", "This message offers no options.");
        }
        if (option < 0 || option >= options.size()) {
            throw RequestRejectedException.invalid("message.option-unknown",
                    "Pick one of the options 0 to " + (options.size() - 1) + ".");
        }
        if (pickedOption != null) {
            throw RequestRejectedException.conflict("message.option-picked", "An option was picked already.");
        }
        pickedOption = option;
        pickedAt = when;
        return options.get(option);
    }

    /** Records the sender's id of the message ({@link ClientMessageId#validate validated}). */
    public void sentAs(String validClientId) {
        clientId = validClientId;
    }

    public String getClientId() {
        return clientId;
    }

    public List<String> getOptions() {
        return options == null ? List.of() : options;
    }

    public Integer getPickedOption() {
        return pickedOption;
    }

    public Long getId() {
        return id;
    }

    /** Its id, given once, before it is persisted. */
    public void identify(long newId) {
        if (id != null) {
            throw new IllegalStateException("Message " + id + " has its id");
        }
        id = newId;
    }

    public Conversation getConversation() {
        return conversation;
    }

    public long getSeq() {
        return seq;
    }

    public AuthorType getAuthorType() {
        return authorType;
    }

    public String getBody() {
        return body;
    }

    public Agent getAuthorAgent() {
        return authorAgent;
    }

    public Long getQuoteSeq() {
        return quoteSeq;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public DeliveryStatus getDeliveryStatus() {
        return deliveryStatus;
    }

    public String getFailureReason() {
        return failureReason;
    }
}
