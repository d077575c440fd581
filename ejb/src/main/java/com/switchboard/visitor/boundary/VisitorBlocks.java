package com.switchboard.visitor.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Agent;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;
import com.switchboard.messaging.events.BlockImposed;
import com.switchboard.messaging.events.BlockLifted;
import com.switchboard.messaging.events.EventTopic;
import com.switchboard.visitor.control.BlocksInForce;
import com.switchboard.visitor.control.VisitorBlocked;
import com.switchboard.visitor.entity.Network;
import com.switchboard.visitor.entity.Visitor;
import com.switchboard.visitor.entity.VisitorBlock;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Shutting visitors out: one visitor (any agent, e.g. from the chat they are abusing) or every visitor of an
 * address or network (supervisors and admins). A blocked visitor can neither send nor read; their open sockets are
 * closed on every node once the block commits. Blocks end by themselves after their period, or by being lifted
 * (by whoever blocked, or a supervisor or admin); either way the record stays.
 */
@Stateless
public class VisitorBlocks {

    public static final Duration LONGEST_PERIOD = Duration.ofDays(3650);

    @PersistenceContext
    EntityManager em;

    @EJB
    ActiveAgents agents;

    @EJB
    EventTopic topic;

    @Inject
    BlocksInForce inForce;

    @Inject
    Event<VisitorBlocked> blocked;

    /** Blocks the visitor for {@code period}, or for good when it is null. */
    public BlockView blockVisitor(long actorId, long visitorId, String reason, Duration period) {
        var actor = agents.require(actorId);
        var text = reason(reason);
        var until = until(period);
        var visitor = em.find(Visitor.class, visitorId);
        if (visitor == null) {
            throw VisitorService.unknown(visitorId);
        }
        var block = VisitorBlock.ofVisitor(visitor, text, actor, Instant.now(), until);
        em.persist(block);
        em.flush();
        inForce.changedOnCommit();
        blocked.fire(VisitorBlocked.visitor(block.getId(), visitorId));
        topic.publish(new BlockImposed(visitorId, null));
        return BlockView.of(block, Instant.now());
    }

    /** Blocks every visitor connecting from the address or CIDR network, for {@code period} or for good. */
    public BlockView blockNetwork(long actorId, String network, String reason, Duration period) {
        var actor = agents.require(actorId);
        requireOverseer(actor, "Only supervisors and admins block addresses and networks.");
        var parsed = Network.parse(network);
        var block = VisitorBlock.ofNetwork(parsed, reason(reason), actor, Instant.now(), until(period));
        em.persist(block);
        em.flush();
        inForce.changedOnCommit();
        blocked.fire(VisitorBlocked.network(block.getId(), parsed));
        topic.publish(new BlockImposed(null, parsed.cidr()));
        return BlockView.of(block, Instant.now());
    }

    /** Lifts a block in force; lifting one that has ended already is a conflict, so nobody lifts twice unknowingly. */
    public BlockView lift(long actorId, long blockId) {
        var actor = agents.require(actorId);
        var block = em.find(VisitorBlock.class, blockId, LockModeType.PESSIMISTIC_WRITE);
        if (block == null) {
            throw RequestRejectedException.notFound("block.unknown", "There is no block " + blockId + ".");
        }
        if (!block.getBlockedBy().getId().equals(actor.getId())) {
            requireOverseer(actor, "Only whoever blocked, a supervisor or an admin can lift a block.");
        }
        var now = Instant.now();
        if (!block.inForce(now)) {
            throw RequestRejectedException.conflict("block.ended", "This block has ended already.");
        }
        block.lift(actor, now);
        inForce.changedOnCommit();
        topic.publish(new BlockLifted(blockId));
        return BlockView.of(block, now);
    }

    /** Whom the block shuts out, while it is in force: nobody once it has expired or been lifted. */
    public Optional<VisitorBlocked> inForce(long blockId) {
        var block = em.find(VisitorBlock.class, blockId);
        if (block == null || !block.inForce(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(block.getNetworkCidr() == null ? VisitorBlocked.visitor(blockId, block.getVisitor().getId())
                : VisitorBlocked.network(blockId, new Network(block.getNetworkCidr())));
    }

    /** Whether a block in force shuts this visitor, connected from their last known address, out now. */
    public boolean isBlocked(Visitor visitor) {
        return inForce.blocks(visitor);
    }

    /**
     * The same, as the database has it now rather than this node's copy, which a block committed on another node,
     * or a moment ago here, may not have reached yet. For routing, under the lock of one of the visitor's
     * conversations: a block committing after this read withdraws what the caller offers, under that lock.
     */
    public boolean isBlockedAsCommitted(Visitor visitor) {
        var now = Instant.now();
        return em.createNamedQuery(VisitorBlock.NETWORKS_IN_FORCE_FOR_VISITOR, String.class)
                .setParameter("visitorId", visitor.getId()).setParameter("now", now)
                .setFlushMode(FlushModeType.COMMIT) // nothing the caller writes changes blocks
                .getResultStream().anyMatch(network -> network == null
                        || new Network(network).contains(visitor.getIpAddress()));
    }

    /** Stops a blocked visitor's request; the reason is for agents, the visitor learns only that they are blocked. */
    public void requireNotBlocked(Visitor visitor) {
        if (isBlocked(visitor)) {
            throw blocked();
        }
    }

    /** For a visitor without a row yet, whom only a network's block can cover. */
    public void requireAddressNotBlocked(String address) {
        if (inForce.blocksAddress(address)) {
            throw blocked();
        }
    }

    public static RequestRejectedException blocked() {
        return RequestRejectedException.forbidden("visitor.blocked", "You cannot chat here.");
    }

    public List<BlockView> inForce() {
        var now = Instant.now();
        return em.createNamedQuery(VisitorBlock.IN_FORCE, VisitorBlock.class).setParameter("now", now)
                .getResultStream().map(block -> BlockView.of(block, now)).toList();
    }

    /** Every block ever, newest first: the record of who blocked whom, and who lifted it. */
    public List<BlockView> history(int first, int max) {
        var now = Instant.now();
        return em.createNamedQuery(VisitorBlock.ALL, VisitorBlock.class).setFirstResult(Math.max(0, first))
                .setMaxResults(Math.min(Math.max(1, max), 500))
                .getResultStream().map(block -> BlockView.of(block, now)).toList();
    }

    private static String reason(String reason) {
        var text = reason == null ? "" : UnicodeText.text(reason, "reason").strip();
        if (text.isEmpty() || text.length() > VisitorBlock.MAX_REASON) {
            throw RequestRejectedException.invalid("block.reason",
                    "Say why, in 1 to " + VisitorBlock.MAX_REASON + " characters.");
        }
        return text;
    }

    private static Instant until(Duration period) {
        if (period == null) {
            return null;
        }
        if (period.compareTo(Duration.ofMinutes(1)) < 0 || period.compareTo(LONGEST_PERIOD) > 0) {
            throw RequestRejectedException.invalid("block.period",
                    "A block lasts from one minute to ten years, or for good (no period).");
        }
        return Instant.now().plus(period);
    }

    private static void requireOverseer(Agent actor, String message) {
        if (!ActiveAgents.oversees(actor)) {
            throw RequestRejectedException.forbidden("block.forbidden", message);
        }
    }
}
