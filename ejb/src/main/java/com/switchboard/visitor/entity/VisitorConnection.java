package com.switchboard.visitor.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A node that holds at least one socket of the visitor: while one such node is alive, the visitor is online. */
@Entity
@Table(name = "visitor_connection")
@IdClass(VisitorConnection.Key.class)
@NamedQuery(name = VisitorConnection.ONLINE_AMONG,
        query = "SELECT DISTINCT c.visitorId FROM VisitorConnection c, ClusterNode n "
                + "WHERE c.visitorId IN :visitorIds AND n.name = c.nodeName AND n.lastSeen >= :since")
@NamedQuery(name = VisitorConnection.DELETE_OF_NODE,
        query = "DELETE FROM VisitorConnection c WHERE c.nodeName = :nodeName")
@NamedQuery(name = VisitorConnection.DELETE_OF_VISITOR_ON_NODE,
        query = "DELETE FROM VisitorConnection c WHERE c.visitorId = :visitorId AND c.nodeName = :nodeName")
public class VisitorConnection {

    public static final String ONLINE_AMONG = "VisitorConnection.onlineAmong";
    public static final String DELETE_OF_NODE = "VisitorConnection.deleteOfNode";
    public static final String DELETE_OF_VISITOR_ON_NODE = "VisitorConnection.deleteOfVisitorOnNode";

    /** The primary key: one row per visitor and node. */
    public static class Key implements Serializable {
        private long visitorId;
        private String nodeName;

        public Key() {
        }

        public Key(long visitorId, String nodeName) {
            this.visitorId = visitorId;
            this.nodeName = nodeName;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.visitorId == visitorId && Objects.equals(key.nodeName, nodeName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(visitorId, nodeName);
        }
    }

    @Id
    @Column(name = "visitor_id")
    private long visitorId;

    @Id
    @Column(name = "node_name")
    private String nodeName;

    private Instant since;

    /** Rows are written by {@code VisitorPresence} with an insert that keeps an existing one, never persisted. */
    protected VisitorConnection() {
    }
}
