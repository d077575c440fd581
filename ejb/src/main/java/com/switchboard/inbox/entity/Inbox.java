package com.switchboard.inbox.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.persistence.annotations.Cache;

/**
 * A queue of conversations with its own rules. Deleting one keeps it (its conversations are history) but gives
 * its name up and switches its widget off for good. Kept in the shared cache: every visitor's message reads its
 * inbox, and admins seldom change one; each node drops its copy when a change commits ({@code InboxCache}), and
 * after a minute at the latest in case it missed that. A change made from a copy that was stale meanwhile fails
 * on the version, as any concurrent change does.
 */
@Entity
@Cacheable
@Cache(expiry = 60_000)
@Table(name = "inbox")
@NamedQuery(name = Inbox.BY_NAME, query = "SELECT i FROM Inbox i WHERE i.activeName = :name")
@NamedQuery(name = Inbox.BY_WIDGET_KEY, query = "SELECT i FROM Inbox i WHERE i.widgetKey = :widgetKey")
@NamedQuery(name = Inbox.ALL, query = "SELECT i FROM Inbox i WHERE i.deletedAt IS NULL ORDER BY i.name")
public class Inbox {

    public static final String BY_NAME = "Inbox.byName";
    public static final String BY_WIDGET_KEY = "Inbox.byWidgetKey";
    public static final String ALL = "Inbox.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The name while the inbox exists: unique among existing inboxes, null once deleted. */
    @Column(name = "name")
    private String activeName;

    /** The name as it was, kept after deletion for the history of its conversations. */
    @Column(name = "display_name")
    private String name;

    /** Public identifier the widget uses; never the database id, so inboxes cannot be enumerated. */
    @Column(name = "widget_key")
    private String widgetKey;

    @Column(name = "widget_enabled")
    private boolean widgetEnabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "assignment_mode")
    private AssignmentMode assignmentMode;

    @Column(name = "reassignment_timeout_seconds")
    private int reassignmentTimeoutSeconds;

    @Column(name = "inactivity_minutes")
    private Integer inactivityMinutes;

    @Enumerated(EnumType.STRING)
    @Column(name = "inactivity_action")
    private InactivityAction inactivityAction;

    @Column(name = "inactivity_message")
    private String inactivityMessage;

    @Column(name = "offline_message")
    private String offlineMessage;

    @Column(name = "reply_time_limit_seconds")
    private Integer replyTimeLimitSeconds;

    @Column(name = "reroute_when_agent_leaves")
    private boolean rerouteWhenAgentLeaves;

    /** Comma-separated {@link AttachmentType} names. */
    @Column(name = "attachment_types")
    private String attachmentTypes;

    /** How the widget asks for a rating after a chat (the rating capability reads it). */
    @Enumerated(EnumType.STRING)
    @Column(name = "rating_scale")
    private RatingScale ratingScale = RatingScale.FIVE;

    /** Whether a visitor whose chat ended gets its log by e-mail. */
    @Column(name = "chat_log_by_email")
    private boolean chatLogByEmail;

    /** What visitors see as the name of every agent writing here; null: each agent's own (NameTheVisitorSees). */
    @Column(name = "operator_name")
    private String operatorName;

    /** Key of the HMAC the customer's site signs visitor identities with; null: signed identities are refused. */
    @Column(name = "identity_secret")
    private String identitySecret;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Version
    private long version;

    protected Inbox() {
    }

    public Inbox(InboxSettings settings, String widgetKey, String identitySecret) {
        this.widgetKey = widgetKey;
        this.identitySecret = identitySecret;
        this.widgetEnabled = true;
        this.createdAt = Instant.now();
        configure(settings);
    }

    public final void configure(InboxSettings settings) {
        activeName = settings.name();
        name = settings.name();
        assignmentMode = settings.assignmentMode();
        reassignmentTimeoutSeconds = (int) settings.reassignmentTimeout().toSeconds();
        var inactivity = settings.inactivity();
        inactivityMinutes = inactivity == null ? null : inactivity.minutes();
        inactivityAction = inactivity == null ? null : inactivity.action();
        inactivityMessage = inactivity == null ? null : inactivity.message();
        offlineMessage = settings.offlineMessage();
        replyTimeLimitSeconds = settings.replyTimeLimit() == null ? null : (int) settings.replyTimeLimit().toSeconds();
        attachmentTypes = settings.attachmentTypes().stream().sorted().map(Enum::name).collect(Collectors.joining(","));
        rerouteWhenAgentLeaves = settings.rerouteWhenAgentLeaves();
    }

    public InboxSettings settings() {
        var inactivity = inactivityMinutes == null ? null
                : new InactivityPolicy(inactivityMinutes, inactivityAction, inactivityMessage);
        var types = EnumSet.noneOf(AttachmentType.class);
        Arrays.stream(attachmentTypes.split(",")).filter(t -> !t.isBlank()).map(AttachmentType::valueOf)
                .forEach(types::add);
        return new InboxSettings(name, assignmentMode, Duration.ofSeconds(reassignmentTimeoutSeconds), inactivity,
                offlineMessage, replyTimeLimitSeconds == null ? null : Duration.ofSeconds(replyTimeLimitSeconds),
                types, rerouteWhenAgentLeaves);
    }

    public void enableWidget(boolean enabled) {
        widgetEnabled = enabled;
    }

    /** For good: the name is free again, the widget key never works again, the conversations stay. */
    public void delete(Instant when) {
        deletedAt = when;
        activeName = null;
        widgetEnabled = false;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Whether visitors can chat through this inbox's widget now. */
    public boolean acceptsVisitors() {
        return !isDeleted() && widgetEnabled;
    }

    /** How long a visitor may wait for an answer; null when the inbox sets no limit. */
    public Duration getReplyTimeLimit() {
        return replyTimeLimitSeconds == null ? null : Duration.ofSeconds(replyTimeLimitSeconds);
    }

    /** A new secret: identities signed with the old one stop working at once. */
    public void rateOn(RatingScale scale) {
        ratingScale = scale == null ? RatingScale.FIVE : scale;
    }

    public void sendChatLogs(boolean byEmail) {
        chatLogByEmail = byEmail;
    }

    public boolean isChatLogByEmail() {
        return chatLogByEmail;
    }

    public RatingScale getRatingScale() {
        return ratingScale;
    }

    public void changeIdentitySecret(String secret) {
        identitySecret = secret;
    }

    /** Null, or a name checked by {@code PublicName}. */
    public void nameOperator(String name) {
        this.operatorName = name;
    }

    public String getOperatorName() {
        return operatorName;
    }

    public String getIdentitySecret() {
        return identitySecret;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getWidgetKey() {
        return widgetKey;
    }

    public boolean isWidgetEnabled() {
        return widgetEnabled;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public long getVersion() {
        return version;
    }
}
