package com.switchboard.canned.entity;

import com.switchboard.agent.entity.Agent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

/** A prepared answer: an agent's own ({@code owner} set) or the organisation's (no owner). */
@Entity
@Table(name = "canned_response")
@NamedQuery(name = CannedResponse.VISIBLE_TO,
        query = "SELECT c FROM CannedResponse c WHERE c.ownerKey = 0 OR c.ownerKey = :agentId "
                + "ORDER BY c.shortcut, c.ownerKey DESC")
@NamedQuery(name = CannedResponse.BY_OWNER_AND_SHORTCUT,
        query = "SELECT c FROM CannedResponse c WHERE c.ownerKey = :ownerKey AND c.shortcut = :shortcut")
public class CannedResponse {

    public static final String VISIBLE_TO = "CannedResponse.visibleTo";
    public static final String BY_OWNER_AND_SHORTCUT = "CannedResponse.byOwnerAndShortcut";
    /** {@code owner_key} of organisation-wide responses. */
    public static final long ORGANISATION = 0;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private Agent owner;

    @Column(name = "owner_key")
    private long ownerKey;

    private String title;

    private String shortcut;

    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected CannedResponse() {
    }

    /** {@code owner} null for an organisation-wide response. */
    public CannedResponse(Agent owner, CannedText text) {
        this.owner = owner;
        this.ownerKey = owner == null ? ORGANISATION : owner.getId();
        this.createdAt = Instant.now();
        change(text);
    }

    public final void change(CannedText text) {
        title = text.title();
        shortcut = text.shortcut();
        body = text.text();
    }

    public boolean isOrganisationWide() {
        return ownerKey == ORGANISATION;
    }

    public boolean isOwnedBy(long agentId) {
        return ownerKey == agentId;
    }

    public Long getId() {
        return id;
    }

    public long getOwnerKey() {
        return ownerKey;
    }

    public CannedText text() {
        return new CannedText(title, shortcut, body);
    }

    public long getVersion() {
        return version;
    }
}
