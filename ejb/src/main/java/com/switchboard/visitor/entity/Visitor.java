package com.switchboard.visitor.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone chatting through the widget, known by the unguessable token the server issued to their browser. Their
 * name and e-mail are either what they typed (unverified) or what the customer's site signed (verified); a
 * verified identity cannot be overwritten by typing.
 */
@Entity
@Table(name = "visitor")
@NamedQuery(name = Visitor.BY_TOKEN, query = "SELECT v FROM Visitor v WHERE v.token = :token")
@NamedQuery(name = Visitor.BY_IDENTITY,
        query = "SELECT v FROM Visitor v WHERE v.identityInboxId = :inboxId AND v.externalId = :externalId")
@NamedQuery(name = Visitor.BY_SOURCE_EXTERNAL_ID,
        query = "SELECT v FROM Visitor v WHERE v.sourceExternalId = :externalId")
public class Visitor {

    public static final String BY_TOKEN = "Visitor.byToken";
    public static final String BY_IDENTITY = "Visitor.byIdentity";
    public static final String BY_SOURCE_EXTERNAL_ID = "Visitor.bySourceExternalId";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String token;

    @Column(name = "display_name")
    private String name;

    private String email;

    /** The site's own id of this person; set only by a verified identity. */
    @Column(name = "external_id")
    private String externalId;

    /** The inbox whose secret signed the identity: external ids are unique per signing site. */
    @Column(name = "identity_inbox_id")
    private Long identityInboxId;

    /**
     * A legacy system's id of this person (JMS inbound): one namespace for the whole installation, unlike
     * {@link #externalId}, which is per signing inbox. Such a visitor has a token too but never uses it.
     */
    @Column(name = "source_external_id")
    private String sourceExternalId;

    /** The legacy system that posted for this customer (its broker user), when the broker says; see V57. */
    @Column(name = "source_system")
    private String sourceSystem;

    @Column(name = "identity_verified")
    private boolean identityVerified;

    @Column(name = "ip_address")
    private String ipAddress;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "page_url")
    private String pageUrl;

    @Column(name = "page_title")
    private String pageTitle;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @ElementCollection
    @CollectionTable(name = "visitor_tag", joinColumns = @JoinColumn(name = "visitor_id"))
    @Column(name = "tag")
    // Made by the constructor that creates a new one, not by the field's initialiser: EclipseLink's locking
    // reads (a refresh) load the tags at once when the empty instance they fill already holds a collection.
    private Set<String> tags;

    @Version
    private long version;

    protected Visitor() {
    }

    public Visitor(String token) {
        this.token = token;
        this.createdAt = Instant.now();
        this.tags = new TreeSet<>();
    }

    /** What the legacy system says about them, and which system it is; what it leaves out stays as it was. */
    public void describedBySource(String name, String email, String system) {
        if (system != null) {
            this.sourceSystem = system;
        }
        if (name != null) {
            this.name = name;
        }
        if (email != null) {
            this.email = email;
        }
    }

    /** What the visitor typed about themselves; refused by the caller once the identity is verified. */
    public void introduce(String name, String email) {
        this.name = name;
        this.email = email;
    }

    /** What the customer's site vouched for: replaces whatever the visitor typed. */
    public void verify(VerifiedIdentity identity, long inboxId) {
        this.externalId = identity.externalId();
        this.identityInboxId = inboxId;
        this.name = identity.name();
        this.email = identity.email();
        this.identityVerified = true;
    }

    /** Replaces the tags with these ({@link com.switchboard.input.Tags#normalise normalised} already). */
    public void retag(Set<String> newTags) {
        tags.clear();
        tags.addAll(newTags);
    }

    public Long getId() {
        return id;
    }

    public String getToken() {
        return token;
    }

    /** How agents see the visitor: their name, else their e-mail, else their number. */
    public String label() {
        if (getName() != null) {
            return getName();
        }
        return getEmail() != null ? getEmail() : "Visitor " + getId();
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getSourceExternalId() {
        return sourceExternalId;
    }

    public String getSourceSystem() {
        return sourceSystem;
    }

    public boolean isIdentityVerified() {
        return identityVerified;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getPageUrl() {
        return pageUrl;
    }

    public String getPageTitle() {
        return pageTitle;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    public long getVersion() {
        return version;
    }
}
