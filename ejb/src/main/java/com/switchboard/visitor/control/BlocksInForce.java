package com.switchboard.visitor.control;

import com.switchboard.cluster.control.ChangeCounter;
import com.switchboard.messaging.control.OnCommit;
import com.switchboard.messaging.events.BlockImposed;
import com.switchboard.messaging.events.BlockLifted;
import com.switchboard.messaging.events.InternalEvent;
import com.switchboard.visitor.entity.Network;
import com.switchboard.visitor.entity.Visitor;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The blocks in force, as every frame and message of a visitor checks them: read once and kept on this node until
 * a block or a lift commits, at once on the node that made it and through the events topic on the others
 * ({@link BlockImposed}, {@link BlockLifted}), and for a minute at most ({@link ChangeCounter}). Read per
 * message, they had been a query in every message's transaction.
 */
@ApplicationScoped
public class BlocksInForce {

    /** The key under which a transaction notes that it changes blocks. */
    private static final Object COMMIT_KEY = new Object();

    /** A block in force until {@code expiresAt} (null: for good), of one visitor or of a network. */
    public record Rule(Long visitorId, Network network, Instant expiresAt) {

        boolean inForce(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    private record Rules(Map<Long, List<Rule>> byVisitor, List<Rule> networks, ChangeCounter.Stamp read) {

        static Rules of(List<Rule> rules, ChangeCounter.Stamp read) {
            return new Rules(rules.stream().filter(rule -> rule.visitorId() != null)
                    .collect(Collectors.groupingBy(Rule::visitorId)),
                    rules.stream().filter(rule -> rule.network() != null).toList(), read);
        }
    }

    @EJB
    BlockRules blockRules;

    @Resource
    TransactionSynchronizationRegistry transaction;

    private volatile Rules known;
    private final ChangeCounter changes = new ChangeCounter();

    /** Whether a block in force shuts this visitor, connected from their last known address, out now. */
    public boolean blocks(Visitor visitor) {
        return blocks(visitor.getId(), visitor.getIpAddress());
    }

    /** Whether a network block in force shuts this address out now: a visitor who has no row yet. */
    public boolean blocksAddress(String address) {
        var now = Instant.now();
        return rules().networks().stream().anyMatch(rule -> rule.inForce(now) && rule.network().contains(address));
    }

    boolean blocks(long visitorId, String address) {
        var now = Instant.now();
        var rules = rules();
        return rules.byVisitor().getOrDefault(visitorId, List.of()).stream().anyMatch(rule -> rule.inForce(now))
                || rules.networks().stream().anyMatch(rule -> rule.inForce(now) && rule.network().contains(address));
    }

    /** This transaction blocks or lifts: this node reads the blocks again once it has committed. */
    public void changedOnCommit() {
        OnCommit.items(transaction, COMMIT_KEY, committed -> changed()).add(Boolean.TRUE);
    }

    /** A block or a lift committed (here or on another node). */
    public void changed() {
        changes.changed();
    }

    /** Before the sockets it covers are closed: a visitor who reconnects at once is refused. */
    void imposed(@Observes @Priority(InternalEvent.CACHES) BlockImposed event) {
        changed();
    }

    void lifted(@Observes @Priority(InternalEvent.CACHES) BlockLifted event) {
        changed();
    }

    private Rules rules() {
        var rules = known;
        if (rules != null && changes.isCurrent(rules.read())) {
            return rules;
        }
        var stamp = changes.beforeRead();
        var read = Rules.of(blockRules.inForce(), stamp);
        known = read;
        return read;
    }
}
