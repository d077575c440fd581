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
 * address stays within its limits, the visitor is found by their token or registered (which counts against the
 * address's new-visitor limit), where they connect from is recorded, and a blocked visitor is refused. Anything
 * refused changes nothing.
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

    /** Who arrived where: the visitor's token is a new one when theirs was unknown (or they had none). */
    public record Arrival(long inboxId, long visitorId, String token) {
    }

    public Arrival arrive(String inboxName, String token, String address) {
        var inbox = inboxes.acceptingVisitors(inboxName);
        addressRates.admit(AddressRates.Start.HANDSHAKE, address);
        var visitor = visitors.findByToken(token).orElseGet(() -> {
            addressRates.admit(AddressRates.Start.NEW_VISITOR, address);
            return visitors.requireByToken(visitors.registerAnonymous());
        });
        visitors.recordContext(visitor.getToken(), VisitorContext.connection(address, null));
        blocks.requireNotBlocked(visitor);
        return new Arrival(inbox.getId(), visitor.getId(), visitor.getToken());
    }
}
