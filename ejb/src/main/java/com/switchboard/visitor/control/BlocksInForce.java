package com.switchboard.visitor.control;

import com.switchboard.platform.control.OnCommit;
import com.switchboard.visitor.entity.Network;
import com.switchboard.visitor.entity.Visitor;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The blocks in force, as every frame and message of a visitor checks them: read once and kept on this node until
 * a block or a lift commits, at once on the node that made it and through the events topic on the others
 * ({@link VisitorBlockedEvent}, {@link #LIFTED}). Kept at most a minute, in case such an event was lost while the
 * broker was away. Read per message, they had been a query in every message's transaction.
 */
@ApplicationScoped
public class BlocksInForce {

    /** The events topic's type of a lifted block (body: its {@code blockId}): every node reads the blocks again. */
    public static final String LIFTED = "visitor.block-lifted";
    private static final Duration AT_MOST = Duration.ofMinutes(1);
    private static final Object CHANGES = new Object();

    /** A block in force until {@code expiresAt} (null: for good), of one visitor or of a network. */
    public record Rule(Long visitorId, Network network, Instant expiresAt) {

        boolean inForce(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    /** The rules as read at {@code readAt}, when {@code changesBefore} changes had been announced. */
    private record Rules(Map<Long, List<Rule>> byVisitor, List<Rule> networks, long readAt, long changesBefore) {

        static Rules of(List<Rule> rules, long readAt, long changesBefore) {
            return new Rules(rules.stream().filter(rule -> rule.visitorId() != null)
                    .collect(Collectors.groupingBy(Rule::visitorId)),
                    rules.stream().filter(rule -> rule.network() != null).toList(), readAt, changesBefore);
        }
    }

    @EJB
    BlockRules blockRules;

    @Resource
    TransactionSynchronizationRegistry transaction;

    private volatile Rules known;
    /** Raised by every change: rules read before the latest change are not used, even if kept after it. */
    private final AtomicLong changes = new AtomicLong();

    /** Whether a block in force shuts this visitor, connected from their last known address, out now. */
    public boolean blocks(Visitor visitor) {
        return blocks(visitor.getId(), visitor.getIpAddress());
    }

    boolean blocks(long visitorId, String address) {
        var now = Instant.now();
        var rules = rules();
        return rules.byVisitor().getOrDefault(visitorId, List.of()).stream().anyMatch(rule -> rule.inForce(now))
                || rules.networks().stream().anyMatch(rule -> rule.inForce(now) && rule.network().contains(address));
    }

    /** This transaction blocks or lifts: this node reads the blocks again once it has committed. */
    public void changedOnCommit() {
        OnCommit.items(transaction, CHANGES, committed -> changed()).add(Boolean.TRUE);
    }

    /** A block or a lift committed (here or on another node). */
    public void changed() {
        changes.incrementAndGet();
    }

    private Rules rules() {
        var rules = known;
        long now = System.nanoTime();
        long changesNow = changes.get();
        if (rules != null && rules.changesBefore() == changesNow && now - rules.readAt() < AT_MOST.toNanos()) {
            return rules;
        }
        var read = Rules.of(blockRules.inForce(), now, changesNow);
        known = read;
        return read;
    }
}
