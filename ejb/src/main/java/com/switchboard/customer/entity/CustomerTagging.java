package com.switchboard.customer.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A customer (visitor) carries a tag of the catalogue; a pinned one shows under their name in the lists. */
@Entity
@Table(name = "customer_tagging")
@IdClass(CustomerTagging.Key.class)
@NamedQuery(name = CustomerTagging.OF_VISITOR,
        query = "SELECT g FROM CustomerTagging g WHERE g.visitorId = :visitorId ORDER BY g.addedAt, g.tagId")
@NamedQuery(name = CustomerTagging.COUNT_OF_VISITOR,
        query = "SELECT COUNT(g) FROM CustomerTagging g WHERE g.visitorId = :visitorId")
@NamedQuery(name = CustomerTagging.CUSTOMERS_BY_TAG,
        query = "SELECT g.tagId, COUNT(g) FROM CustomerTagging g GROUP BY g.tagId")
@NamedQuery(name = CustomerTagging.PINNED_BY_TAG,
        query = "SELECT g.tagId, COUNT(g) FROM CustomerTagging g WHERE g.pinned = TRUE GROUP BY g.tagId")
@NamedQuery(name = CustomerTagging.COUNT_OF_TAG, query = "SELECT COUNT(g) FROM CustomerTagging g WHERE g.tagId = :tagId")
@NamedQuery(name = CustomerTagging.DELETE_OF_TAG, query = "DELETE FROM CustomerTagging g WHERE g.tagId = :tagId")
public class CustomerTagging {

    public static final String OF_VISITOR = "CustomerTagging.ofVisitor";
    public static final String COUNT_OF_VISITOR = "CustomerTagging.countOfVisitor";
    /** Rows of tag id and how many customers carry it. */
    public static final String CUSTOMERS_BY_TAG = "CustomerTagging.customersByTag";
    /** Rows of tag id and how many customers have it pinned. */
    public static final String PINNED_BY_TAG = "CustomerTagging.pinnedByTag";
    public static final String COUNT_OF_TAG = "CustomerTagging.countOfTag";
    public static final String DELETE_OF_TAG = "CustomerTagging.deleteOfTag";

    @Id
    @Column(name = "visitor_id")
    private long visitorId;

    @Id
    @Column(name = "tag_id")
    private long tagId;

    private boolean pinned;

    @Column(name = "added_by")
    private long addedBy;

    @Column(name = "added_at")
    private Instant addedAt;

    protected CustomerTagging() {
    }

    public CustomerTagging(long visitorId, long tagId, long addedBy, Instant addedAt) {
        this.visitorId = visitorId;
        this.tagId = tagId;
        this.addedBy = addedBy;
        this.addedAt = addedAt;
    }

    public void pin(boolean pinned) {
        this.pinned = pinned;
    }

    public long getTagId() {
        return tagId;
    }

    public boolean isPinned() {
        return pinned;
    }

    /** The primary key: a customer carries a tag once. */
    public static class Key implements Serializable {

        private long visitorId;
        private long tagId;

        public Key() {
        }

        public Key(long visitorId, long tagId) {
            this.visitorId = visitorId;
            this.tagId = tagId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.visitorId == visitorId && key.tagId == tagId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(visitorId) * 31 + Long.hashCode(tagId);
        }
    }
}
