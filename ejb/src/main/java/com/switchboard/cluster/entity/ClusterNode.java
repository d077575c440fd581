package com.switchboard.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "cluster_node")
@NamedQuery(name = ClusterNode.SEEN_SINCE,
        query = "SELECT n FROM ClusterNode n WHERE n.lastSeen >= :since ORDER BY n.name")
@NamedQuery(name = ClusterNode.SILENT_SINCE,
        query = "SELECT n.name FROM ClusterNode n WHERE n.lastSeen < :before")
public class ClusterNode {

    public static final String SEEN_SINCE = "ClusterNode.seenSince";
    public static final String SILENT_SINCE = "ClusterNode.silentSince";

    @Id
    private String name;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "last_seen")
    private Instant lastSeen;

    protected ClusterNode() {
    }

    public ClusterNode(String name, Instant startedAt) {
        this.name = name;
        this.startedAt = startedAt;
        this.lastSeen = startedAt;
    }

    public void seen(Instant now) {
        lastSeen = now;
    }

    public String getName() {
        return name;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }
}
