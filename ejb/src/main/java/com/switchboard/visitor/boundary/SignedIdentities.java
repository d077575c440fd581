package com.switchboard.visitor.boundary;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.SecureTokens;
import com.switchboard.persistence.control.CheckedFlush;
import com.switchboard.visitor.control.IdentitySignature;
import com.switchboard.visitor.control.VisitorDetailsChanged;
import com.switchboard.visitor.control.VisitorDetailsChanged.Details;
import com.switchboard.visitor.entity.UsedIdentitySignature;
import com.switchboard.visitor.entity.VerifiedIdentity;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Visitors the customer's site vouches for ({@link IdentitySignature}): the same person gets the same visitor (and
 * so their history) on every device. A signature works once; reconnects use the returned token.
 */
@Stateless
public class SignedIdentities {

    @PersistenceContext
    EntityManager em;

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @Inject
    Event<VisitorDetailsChanged> detailsChanged;

    /**
     * The visitor of a signed identity, made on first sight. With {@code currentToken}, an anonymous visitor who
     * signs in on the site becomes verified in place, keeping the chat they already started.
     */
    public String identify(String inboxName, VerifiedIdentity identity, long timestamp, String signature,
                           String currentToken) {
        var inbox = inboxes.acceptingVisitors(inboxName);
        var now = Instant.now();
        IdentitySignature.verify(inbox.getIdentitySecret(), identity, timestamp, signature, now);
        em.createNamedQuery(UsedIdentitySignature.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        em.persist(new UsedIdentitySignature(IdentitySignature.fingerprint(signature),
                Instant.ofEpochSecond(timestamp).plus(IdentitySignature.WINDOW)));
        CheckedFlush.flush(em, SignedIdentities::replayed);

        var visitor = em.createNamedQuery(Visitor.BY_IDENTITY, Visitor.class)
                .setParameter("inboxId", inbox.getId()).setParameter("externalId", identity.externalId())
                .getResultStream().findFirst()
                .or(() -> visitors.findByToken(currentToken).filter(v -> !v.isIdentityVerified()))
                .orElseGet(() -> {
                    var fresh = new Visitor(SecureTokens.random(32));
                    em.persist(fresh);
                    return fresh;
                });
        var before = Details.of(visitor);
        visitor.verify(identity, inbox.getId());
        CheckedFlush.flush(em, VisitorService::changedMeanwhile, VisitorService::changedMeanwhile);
        VisitorDetailsChanged.fireIfChanged(before, visitor, detailsChanged);
        return visitor.getToken();
    }

    private static RequestRejectedException replayed() {
        return RequestRejectedException.forbidden("visitor.identity.replayed",
                "This signed identity was used already: sign a new one for each page.");
    }
}
