package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.pendingOffer;
import static com.switchboard.it.Database.rows;
import static com.switchboard.it.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.agent.boundary.AgentConnections;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.Presence;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.visitor.boundary.VisitorService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Agent presence: the disconnect grace period, dead nodes, and rerouting the conversations of an agent who went
 * offline.
 */
@ExtendWith(ArquillianExtension.class)
class AgentPresenceIT {

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    VisitorService visitors;

    @EJB
    RoutingService routing;

    @EJB
    AgentConnections connections;

    @Inject
    TestData data;

    @Test
    public void onlyAnInboxThatSaysSoReroutesTheConversationsOfAnAgentWhoWentOffline() throws Exception {
        var rerouting = inboxes.create(new InboxSettings("Rerouting " + UUID.randomUUID(), AssignmentMode.AUTO,
                Duration.ofSeconds(30), null, null, null, null, true));
        var keeping = data.desk(AssignmentMode.AUTO, 30, 5);
        inboxes.addMember(rerouting.id(), keeping.ada(), 5);
        inboxes.addMember(rerouting.id(), keeping.bob(), 5);
        data.online(keeping.ada());
        long moving = visitorMessages.post(rerouting.settings().name(), AnonymousVisitors.create(visitors), "one")
                .conversationId();
        routing.accept(keeping.ada(), pendingOffer(moving, keeping.ada()));
        long staying = visitorMessages.post(keeping.inbox(), AnonymousVisitors.create(visitors), "two")
                .conversationId();
        routing.accept(keeping.ada(), pendingOffer(staying, keeping.ada()));
        data.online(keeping.bob());

        agents.changePresence(keeping.ada(), Presence.OFFLINE);

        pendingOffer(moving, keeping.bob());
        assertTrue(routing.decisions(firstAdmin(), moving).stream().anyMatch(d -> d.outcome().equals("RELEASED")));
        assertEquals(List.of(List.of("ASSIGNED", String.valueOf(keeping.ada()))),
                rows("SELECT status, assignee_id FROM conversation WHERE id = ?", staying),
                "an inbox without the setting keeps it with Ada until she is back");
    }

    @Test
    public void anAgentWhoseLastSocketClosedGoesOfflineAfterTheGracePeriodUnlessTheyCameBack() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        long conversation = visitorMessages.post(desk.inbox(), AnonymousVisitors.create(visitors), "anyone?")
                .conversationId();
        long offer = pendingOffer(conversation, desk.ada());
        connections.opened(desk.ada());
        connections.opened(desk.bob());
        connections.opened(desk.bob());

        connections.closed(desk.ada());
        connections.closed(desk.bob());
        assertEquals(1L, connections.liveSockets(desk.bob()), "Bob's second tab is still open");

        await("Ada offline after the 2 s grace", () -> "OFFLINE".equals(
                rows("SELECT presence FROM agent WHERE id = ?", desk.ada()).get(0).get(0)));
        pendingOffer(conversation, desk.bob());
        assertEquals("CANCELLED", rows("SELECT status FROM offer WHERE id = ?", offer).get(0).get(0),
                "her offer moved on");

        connections.closed(desk.bob());
        connections.opened(desk.bob());
        Thread.sleep(3000);
        assertEquals("ONLINE", rows("SELECT presence FROM agent WHERE id = ?", desk.bob()).get(0).get(0),
                "a reload within the grace period changes nothing");
    }

    @Test
    public void anAgentWhoseSocketsDiedWithTheirNodeGoesOffline() throws Exception {
        var desk = data.desk(AssignmentMode.AUTO, 30, 5);
        data.online(desk.ada(), desk.bob());
        connections.opened(desk.bob());
        // As a node that was killed leaves it: Ada's socket counted on it, and it has not beaten for ten minutes.
        var dead = "dead-node-" + UUID.randomUUID();
        try (var connection = dataSource().getConnection()) {
            try (var node = connection.prepareStatement(
                    "INSERT INTO cluster_node (name, started_at, last_seen) VALUES (?, ?, ?)")) {
                node.setString(1, dead);
                node.setTimestamp(2, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
                node.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))));
                node.executeUpdate();
            }
            try (var socket = connection.prepareStatement(
                    "INSERT INTO agent_connection (agent_id, node_name, sockets, updated_at) VALUES (?, ?, 1, ?)")) {
                socket.setLong(1, desk.ada());
                socket.setString(2, dead);
                socket.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
                socket.executeUpdate();
            }
        }

        // Every node sweeps every 15 s.
        await("Ada offline: her only socket was on the dead node", Duration.ofSeconds(40), () -> "OFFLINE".equals(
                rows("SELECT presence FROM agent WHERE id = ?", desk.ada()).get(0).get(0)));
        assertEquals(0L, count("SELECT COUNT(*) FROM agent_connection WHERE node_name = ?", dead),
                "the dead node's sockets are forgotten");
        assertEquals("ONLINE", rows("SELECT presence FROM agent WHERE id = ?", desk.bob()).get(0).get(0),
                "Bob's socket is on a live node");
    }
}
