package com.switchboard.visitor.boundary;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.SecureTokens;
import com.switchboard.input.Tags;
import com.switchboard.persistence.control.CheckedFlush;
import com.switchboard.visitor.control.VisitorDetailsChanged;
import com.switchboard.visitor.control.VisitorDetailsChanged.Details;
import com.switchboard.visitor.control.VisitorTokenKey;
import com.switchboard.visitor.control.VisitorTokens;
import com.switchboard.visitor.entity.Visitor;
import com.switchboard.visitor.entity.VisitorContext;
import com.switchboard.visitor.entity.VisitorDetails;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who visitors are: anonymous tokens, typed identities and those of legacy systems (signed ones:
 * {@link SignedIdentities}), where they were last seen, their tags. A new
 * visitor gets a signed token ({@link VisitorTokens}) and no row: the row is made when they first act (a message,
 * their name and e-mail), so sockets, reloads and page views of visitors who never write store nothing.
 */
@Stateless
public class VisitorService {

    /** The installation setting that holds the key of new visitors' tokens (made by {@code FirstStart}). */
    public static final String TOKEN_KEY = VisitorTokenKey.SETTING;

    @PersistenceContext
    EntityManager em;

    @Inject
    VisitorTokenKey tokenKey;

    @EJB
    InboxService inboxes;

    @EJB
    ActiveAgents agents;

    @Inject
    Event<VisitorDetailsChanged> detailsChanged;

    /**
     * A token for a new visitor, kept by their browser as their only credential; no row until they first act
     * ({@link #requireLockedByToken(String, VisitorContext)}).
     */
    public String issueToken() {
        return tokens().issue();
    }

    /** Whether this installation issued the token to a new visitor (who may or may not have a row by now). */
    public boolean issued(String token) {
        return tokens().issued(token);
    }

    public Optional<Visitor> findByToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Visitor.BY_TOKEN, Visitor.class).setParameter("token", token)
                .getResultStream().findFirst();
    }

    public Visitor requireByToken(String token) {
        return findByToken(token).orElseThrow(VisitorService::unknownToken);
    }

    /**
     * The visitor, read with a lock on their row held to the end of the caller's transaction: their first act. A
     * token this installation issued gets its row now, where the visitor is ({@code firstSeen}, may be null), and
     * is gone again if the caller's transaction rolls back (an act refused stores nothing).
     *
     * <p>The row is inserted only after a locking read found none, and by an insert that takes the existing row's
     * lock instead of failing: two tabs' first acts at once wait for each other there (the second then finds the
     * first's row and its conversation), where a plain insert would fail one of them, and an insert that ignores
     * the duplicate would share the row's lock between them until both wanted it alone (a deadlock).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Visitor requireLockedByToken(String token, VisitorContext firstSeen) {
        if (token == null || token.isBlank()) {
            throw unknownToken();
        }
        return lockedByToken(token).or(() -> {
            if (!issued(token)) {
                return Optional.empty();
            }
            insertIfAbsent(token, firstSeen == null ? VisitorContext.connection(null, null) : firstSeen);
            return lockedByToken(token);
        }).orElseThrow(VisitorService::unknownToken);
    }

    private Optional<Visitor> lockedByToken(String token) {
        return em.createNamedQuery(Visitor.BY_TOKEN, Visitor.class).setParameter("token", token)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private void insertIfAbsent(String token, VisitorContext context) {
        var now = Timestamp.from(Instant.now());
        // ON DUPLICATE KEY UPDATE (MySQL, and H2 in its MySQL mode) locks the row that is there for this transaction.
        em.createNativeQuery("INSERT INTO visitor (token, created_at, last_seen_at, ip_address, user_agent, page_url,"
                        + " page_title, identity_verified, version) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, 0)"
                        + " ON DUPLICATE KEY UPDATE token = token")
                .setParameter(1, token).setParameter(2, now).setParameter(3, now)
                .setParameter(4, context.ipAddress()).setParameter(5, context.userAgent())
                .setParameter(6, context.pageUrl()).setParameter(7, context.pageTitle())
                .executeUpdate();
    }

    private VisitorTokens tokens() {
        return tokenKey.tokens();
    }

    private static RequestRejectedException unknownToken() {
        return RequestRejectedException.forbidden("visitor.unknown", "This visitor token is not known.");
    }

    /**
     * The visitor a legacy system knows as {@code sourceExternalId} (JMS inbound), created on first sight; the name
     * and e-mail it sends (validated like typed ones) replace the stored ones, and {@code system} (the broker user
     * that sent it, may be null) says which legacy system that is. Read with a lock on their row held to the end of
     * the caller's transaction, and inserted the way a widget visitor's first act inserts theirs
     * ({@link #requireLockedByToken}): two messages of one customer handled at once wait for each other, where the
     * loser of a plain insert would fail on the unique key (or of a plain read, on the version) and be redelivered.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Visitor ofSource(String sourceExternalId, String name, String email, String system) {
        var cleanName = VisitorDetails.name(name);
        var cleanEmail = VisitorDetails.email(email);
        var visitor = lockedBySource(sourceExternalId).orElseGet(() -> {
            insertSourceIfAbsent(sourceExternalId);
            return lockedBySource(sourceExternalId).orElseThrow();
        });
        var before = Details.of(visitor);
        visitor.describedBySource(cleanName, cleanEmail, VisitorDetails.system(system));
        changed(before, visitor);
        return visitor;
    }

    private Optional<Visitor> lockedBySource(String sourceExternalId) {
        return em.createNamedQuery(Visitor.BY_SOURCE_EXTERNAL_ID, Visitor.class)
                .setParameter("externalId", sourceExternalId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private void insertSourceIfAbsent(String sourceExternalId) {
        em.createNativeQuery("INSERT INTO visitor (token, source_external_id, created_at, identity_verified, version)"
                        + " VALUES (?, ?, ?, FALSE, 0) ON DUPLICATE KEY UPDATE source_external_id = source_external_id")
                .setParameter(1, SecureTokens.random(32)).setParameter(2, sourceExternalId)
                .setParameter(3, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    public Optional<Visitor> findBySource(String sourceExternalId) {
        return em.createNamedQuery(Visitor.BY_SOURCE_EXTERNAL_ID, Visitor.class)
                .setParameter("externalId", sourceExternalId).getResultStream().findFirst();
    }

    public VisitorView introduce(String token, String name, String email) {
        return introduce(token, name, email, null);
    }

    /**
     * What an anonymous visitor types about themselves; a signed identity cannot be overwritten this way. A first
     * act: a visitor without a row gets it, where they are ({@code firstSeen}).
     */
    public VisitorView introduce(String token, String name, String email, VisitorContext firstSeen) {
        var cleanName = VisitorDetails.name(name);
        var cleanEmail = VisitorDetails.email(email);
        var visitor = requireLockedByToken(token, firstSeen);
        if (visitor.isIdentityVerified()) {
            throw RequestRejectedException.conflict("visitor.verified",
                    "Your name and e-mail come from the site you are signed in to.");
        }
        var before = Details.of(visitor);
        visitor.introduce(cleanName, cleanEmail);
        changed(before, visitor);
        return VisitorView.of(visitor);
    }

    /**
     * Where the visitor is now: called on connecting and whenever the widget reports a new page; what the context
     * does not know (the page, before the widget reports it) stays as it was. A bulk update, not a change of the
     * entity: two tabs connecting at once must not conflict, and moving between pages is no edit of the visitor
     * (an agent editing their tags meanwhile must not get a conflict for it).
     */
    public void recordContext(String token, VisitorContext context) {
        requireByToken(token);
        // Native SQL: EclipseLink's JPQL bulk updates raise the version, which is what this must not do.
        var assignments = new ArrayList<String>(List.of("last_seen_at = ?"));
        var values = new ArrayList<Object>(List.of(Timestamp.from(Instant.now())));
        if (context.ipAddress() != null) {
            assignments.add("ip_address = ?");
            values.add(context.ipAddress());
        }
        if (context.userAgent() != null) {
            assignments.add("user_agent = ?");
            values.add(context.userAgent());
        }
        if (context.pageUrl() != null) {
            assignments.add("page_url = ?");
            values.add(context.pageUrl());
            assignments.add(context.pageTitle() == null ? "page_title = NULL" : "page_title = ?");
            if (context.pageTitle() != null) {
                values.add(context.pageTitle());
            }
        }
        values.add(token);
        var update = em.createNativeQuery("UPDATE visitor SET " + String.join(", ", assignments)
                + " WHERE token = ?");
        for (int i = 0; i < values.size(); i++) {
            update.setParameter(i + 1, values.get(i));
        }
        update.executeUpdate();
    }

    /** The visitor's token: their sockets that wait for their row on other nodes are known by it. */
    public String tokenOf(long visitorId) {
        return existing(visitorId).getToken();
    }

    public VisitorView find(long visitorId) {
        return VisitorView.of(existing(visitorId));
    }

    /** Replaces the visitor's tags; any active agent may label visitors. */
    public VisitorView retag(long agentId, long visitorId, long expectedVersion, Collection<String> tags) {
        var normalised = Tags.normalise("visitor", tags);
        agents.require(agentId);
        var visitor = em.find(Visitor.class, visitorId, LockModeType.PESSIMISTIC_WRITE);
        if (visitor == null) {
            throw unknown(visitorId);
        }
        if (visitor.getVersion() != expectedVersion) {
            throw changedMeanwhile();
        }
        visitor.retag(normalised);
        // A change of the tag table alone does not touch the visitor's row: count it as a change of the visitor.
        em.lock(visitor, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        CheckedFlush.flush(em, VisitorService::changedMeanwhile, VisitorService::changedMeanwhile);
        return VisitorView.of(visitor);
    }

    private void changed(Details before, Visitor visitor) {
        VisitorDetailsChanged.fireIfChanged(before, visitor, detailsChanged);
    }

    Visitor existing(long visitorId) {
        var visitor = em.find(Visitor.class, visitorId);
        if (visitor == null) {
            throw unknown(visitorId);
        }
        return visitor;
    }

    static RequestRejectedException unknown(long visitorId) {
        return RequestRejectedException.notFound("visitor.unknown", "There is no visitor " + visitorId + ".");
    }

    static RequestRejectedException changedMeanwhile() {
        return RequestRejectedException.conflict("visitor.changed",
                "Someone changed this visitor meanwhile: reload and try again.");
    }
}
