package com.switchboard.conversation.boundary;

import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.AddressRates;
import com.switchboard.visitor.boundary.VisitorBlocks;
import com.switchboard.visitor.boundary.VisitorService;
import com.switchboard.visitor.entity.VisitorContext;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * A visitor's socket opening (the widget's handshake), in one transaction: the inbox must take visitors, the
 * address stays within its limits, and a blocked visitor (or address) is refused. A visitor with a row is found by
 * their token, and where they connect from is recorded. A visitor without one stores nothing: a token this
 * installation issued is kept, and one it did not (or none) is replaced by a new token, which counts against the
 * address's new-visitor limit. The row comes with their first act ({@code VisitorService#requireLockedByToken}).
 * Anything refused changes nothing.
 */
@Stateless
public class VisitorArrivals {

    @EJB
    InboxService inboxes;

    @EJB
    VisitorService visitors;

    @EJB
    VisitorBlocks blocks;

    @Inject
    AddressRates addressRates;

    /**
     * Who arrived where: the visitor's token is a new one when theirs was unknown (or they had none); their id is
     * null while they have no row.
     */
    public record Arrival(long inboxId, Long visitorId, String token) {
    }

    public Arrival arrive(String inboxName, String token, String address) {
        var inbox = inboxes.acceptingVisitors(inboxName);
        addressRates.admit(AddressRates.Start.HANDSHAKE, address);
        var known = visitors.findByToken(token);
        if (known.isPresent()) {
            var visitor = known.get();
            visitors.recordContext(visitor.getToken(), VisitorContext.connection(address, null));
            blocks.requireNotBlocked(visitor);
            return new Arrival(inbox.getId(), visitor.getId(), visitor.getToken());
        }
        blocks.requireAddressNotBlocked(address);
        if (visitors.issued(token)) {
            return new Arrival(inbox.getId(), null, token);
        }
        addressRates.admit(AddressRates.Start.NEW_VISITOR, address);
        return new Arrival(inbox.getId(), null, visitors.issueToken());
    }
}
