package com.switchboard.cluster.control;

import com.switchboard.cluster.entity.ClusterNode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Each node records that it is alive every few seconds. The database, not Hazelcast, is where the cluster's
 * members are known: deadlines of a node that stopped beating are taken over by the others (see docs).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ClusterHeartbeat {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    /** A node silent for three intervals is considered gone. */
    public static final Duration LIVENESS = INTERVAL.multipliedBy(3);

    @PersistenceContext
    EntityManager em;

    private String nodeName;
    private Instant startedAt;

    @PostConstruct
    void register() {
        nodeName = ownName();
        startedAt = Instant.now();
        beat();
    }

    /** Non-persistent on purpose: every node arms its own at start-up, and a missed beat is harmless. */
    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "cluster heartbeat")
    @Lock(LockType.WRITE)
    public void beat() {
        var now = Instant.now();
        var node = em.find(ClusterNode.class, nodeName);
        if (node == null) {
            em.persist(new ClusterNode(nodeName, startedAt));
        } else {
            node.seen(now);
        }
    }

    /** This node's name in the cluster's tables: {@code switchboard.node.name}, or the JVM's {@code pid@host}. */
    public static String ownName() {
        return System.getProperty("switchboard.node.name", ManagementFactory.getRuntimeMXBean().getName());
    }

    @Lock(LockType.READ)
    public String nodeName() {
        return nodeName;
    }

    /** The names of the nodes that have not beaten since {@code before}: stopped, or dead. */
    @Lock(LockType.READ)
    public List<String> silentSince(Instant before) {
        return em.createNamedQuery(ClusterNode.SILENT_SINCE, String.class).setParameter("before", before)
                .getResultList();
    }

    @Lock(LockType.READ)
    public List<ClusterNode> liveNodes() {
        return em.createNamedQuery(ClusterNode.SEEN_SINCE, ClusterNode.class)
                .setParameter("since", Instant.now().minus(LIVENESS)).getResultList();
    }
}
