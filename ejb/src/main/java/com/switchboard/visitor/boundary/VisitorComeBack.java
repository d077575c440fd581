package com.switchboard.visitor.boundary;

import com.switchboard.input.AddressRates;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.control.ComeBackTickets;
import com.switchboard.visitor.control.VisitorTokenKey;
import com.switchboard.visitor.entity.Visitor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * A visitor comes back to their chat from a mail (an answer to the message they left while nobody was online),
 * on whatever device they read it: the mail's link holds a ticket ({@link ComeBackTickets}), and the chat page
 * trades it for the visitor's token, as if this browser had been theirs all along. Each trade counts as one of the
 * address's socket handshakes ({@link AddressRates}): it is a way into a chat, and the page opens its socket next.
 */
@Stateless
public class VisitorComeBack {

    @PersistenceContext
    EntityManager em;

    @Inject
    VisitorTokenKey key;

    @Inject
    AddressRates addressRates;

    /** A ticket back to the visitor's chats, for a mail; it works until {@code until}. */
    public String ticketFor(long visitorId, Instant until) {
        return key.tickets().issue(visitorId, until);
    }

    /** The token of the ticket's visitor, for a client at {@code address} (may be null: not counted). */
    public String tokenFor(String ticket, String address) {
        addressRates.admit(AddressRates.Start.HANDSHAKE, address);
        var reading = key.tickets().read(ticket, Instant.now());
        if (reading.state() == ComeBackTickets.Reading.State.FORGED) {
            throw RequestRejectedException.invalid("come-back.invalid", "This is not a link to a chat of ours.");
        }
        if (reading.state() == ComeBackTickets.Reading.State.EXPIRED) {
            throw RequestRejectedException.forbidden("come-back.expired",
                    "This link to your chat has expired. Write to us again, and we will find your chat.");
        }
        var visitor = em.find(Visitor.class, reading.visitorId());
        if (visitor == null) {
            throw RequestRejectedException.notFound("come-back.unknown",
                    "The chat this link led to is no longer kept. Write to us again.");
        }
        return visitor.getToken();
    }
}
