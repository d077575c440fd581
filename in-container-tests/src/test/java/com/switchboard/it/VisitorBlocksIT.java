package com.switchboard.it;

import static com.switchboard.it.Database.count;
import static com.switchboard.it.Database.dataSource;
import static com.switchboard.it.Database.firstAdmin;
import static com.switchboard.it.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.conversation.boundary.AgentMessages;
import com.switchboard.conversation.boundary.ConversationParticipants;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.boundary.VisitorMessages;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.AgentBlocks;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.control.BlocksInForce;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blocks: a visitor, a network, and agents blocking visitors and colleagues. */
@ExtendWith(ArquillianExtension.class)
class VisitorBlocksIT {

    @EJB
    AgentMessages agentMessages;

    @EJB
    Transcripts transcripts;

    @EJB
    VisitorMessages visitorMessages;

    @EJB
    VisitorService visitors;

    @EJB
    ConversationParticipants participants;

    @EJB
    VisitorBlocks blocks;

    @EJB
    AgentBlocks agentBlocks;

    @Inject
    BlocksInForce blocksInForce;

    @Inject
    TestData data;

    @Test
    public void aBlockedVisitorNeitherSendsNorReadsUntilTheBlockIsLiftedAndTheRecordStays() throws Exception {
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
        long visitorId = visitors.requireByToken(token).getId();
        long conversation = visitorMessages.post(team.inbox(), token, "hello").conversationId();

        assertEquals("block.reason", assertThrows(RequestRejectedException.class,
                () -> blocks.blockVisitor(team.ada(), visitorId, " ", null)).code());
        assertEquals("block.period", assertThrows(RequestRejectedException.class,
                () -> blocks.blockVisitor(team.ada(), visitorId, "abuse", Duration.ofSeconds(10))).code());
        var block = blocks.blockVisitor(team.ada(), visitorId, "abusive language", Duration.ofHours(1));

        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(team.inbox(), token, "let me in")).code());
        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> transcripts.forVisitor(token, conversation)).code());
        assertEquals(1L, count("SELECT COUNT(*) FROM message WHERE conversation_id = ?", conversation));
        assertTrue(blocks.inForce().stream().anyMatch(b -> b.id() == block.id()));
        long reply = agentMessages.reply(conversation, firstAdmin(), "You are blocked.", null).seq();
        assertEquals(List.of(List.of("FAILED", "visitor.blocked")), rows("SELECT delivery_status, failure_reason "
                + "FROM message WHERE conversation_id = ? AND seq = ?", conversation, reply), "kept, never delivered");

        assertEquals("block.forbidden", assertThrows(RequestRejectedException.class,
                () -> blocks.lift(team.bob(), block.id())).code(), "another agent cannot lift Ada's block");
        var lifted = blocks.lift(team.ada(), block.id());
        assertEquals(team.ada(), lifted.liftedBy());
        assertFalse(lifted.inForce());
        assertEquals("block.ended", assertThrows(RequestRejectedException.class,
                () -> blocks.lift(firstAdmin(), block.id())).code());
        assertEquals(3, visitorMessages.post(team.inbox(), token, "sorry").seq());
        assertEquals(List.of(List.of("abusive language", String.valueOf(team.ada()), String.valueOf(team.ada()))),
                rows("SELECT reason, blocked_by, lifted_by FROM visitor_block WHERE id = ? AND lifted_at IS NOT NULL",
                        block.id()), "the lifted block is kept with who blocked and who lifted");
    }

    @Test
    public void aNetworkBlockCoversEveryVisitorFromItAndEndsByItself() throws Exception {
        var team = data.team();
        var inside = AnonymousVisitors.create(visitors);
        var outside = AnonymousVisitors.create(visitors);
        visitors.recordContext(inside, VisitorContext.connection("198.51.100.23", null));
        visitors.recordContext(outside, VisitorContext.connection("203.0.113.5", null));

        assertEquals("block.forbidden", assertThrows(RequestRejectedException.class,
                () -> blocks.blockNetwork(team.ada(), "198.51.100.0/24", "spam wave", null)).code());
        assertEquals("block.network", assertThrows(RequestRejectedException.class,
                () -> blocks.blockNetwork(firstAdmin(), "198.51.100.0/33", "spam wave", null)).code());
        var block = blocks.blockNetwork(firstAdmin(), "198.51.100.77/24", "spam wave", Duration.ofMinutes(5));

        assertEquals("198.51.100.0/24", block.network());
        assertEquals("visitor.blocked", assertThrows(RequestRejectedException.class,
                () -> visitorMessages.post(team.inbox(), inside, "spam")).code());
        assertEquals(1, visitorMessages.post(team.inbox(), outside, "legit").seq());

        // Five minutes later (moved in the database rather than waited for), the block has ended on its own. The
        // node keeps the blocks in force, so it is told of the change behind its back, as a lift would tell it.
        try (var connection = dataSource().getConnection(); var statement = connection.prepareStatement(
                "UPDATE visitor_block SET expires_at = ? WHERE id = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
            statement.setLong(2, block.id());
            assertEquals(1, statement.executeUpdate());
        }
        blocksInForce.changed();
        assertEquals(1, visitorMessages.post(team.inbox(), inside, "back").seq());
        assertTrue(blocks.inForce().stream().noneMatch(b -> b.id() == block.id()));
    }

    @Test
    public void agentsBlockVisitorsAndColleaguesFromMessagingThem() throws Exception {
        var team = data.team();
        var token = AnonymousVisitors.create(visitors);
        long visitorId = visitors.requireByToken(token).getId();
        long conversation = visitorMessages.post(team.inbox(), token, "hi").conversationId();
        participants.handOn(conversation, firstAdmin(), team.ada());

        var own = agentBlocks.blockVisitor(team.ada(), visitorId);
        assertEquals("agent-block.exists", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.blockVisitor(team.ada(), visitorId)).code());
        assertEquals(Set.of(team.ada()), agentBlocks.agentsBlocking(visitorId));
        visitorMessages.post(team.inbox(), token, "hello again");
        assertEquals(List.of(List.of("WAITING")), rows("SELECT status FROM conversation WHERE id = ? "
                + "AND assignee_id IS NULL", conversation), "Ada let go of the visitor she blocked");
        assertEquals("agent-block.unknown", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.unblock(team.bob(), own.id())).code(), "Bob cannot touch Ada's list");

        // Ada blocks her colleague Bob: he cannot hand her conversations any more, until she unblocks him.
        participants.handOn(conversation, firstAdmin(), team.bob());
        var colleague = agentBlocks.blockAgent(team.ada(), team.bob());
        assertEquals("agent-block.self", assertThrows(RequestRejectedException.class,
                () -> agentBlocks.blockAgent(team.ada(), team.ada())).code());
        assertEquals("agent.blocked", assertThrows(RequestRejectedException.class,
                () -> participants.handOn(conversation, team.bob(), team.ada())).code());
        assertEquals(String.valueOf(team.bob()), rows("SELECT assignee_id FROM conversation WHERE id = ?",
                conversation).get(0).get(0));
        agentBlocks.unblock(team.ada(), colleague.id());
        participants.handOn(conversation, team.bob(), team.ada());
        assertEquals(1, agentBlocks.of(team.ada()).size());
    }
}
