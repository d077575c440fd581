package com.switchboard.visitor.control;

import com.switchboard.visitor.entity.Visitor;
import jakarta.enterprise.event.Event;

/**
 * A CDI event, fired inside the transaction that changed who a visitor says or is vouched to be (name, e-mail,
 * verified): their customer card changed for whoever has it open.
 */
public record VisitorDetailsChanged(long visitorId) {

    /** Who the visitor is, as their customer card shows it. */
    public record Details(String name, String email, boolean verified) {

        public static Details of(Visitor visitor) {
            return new Details(visitor.getName(), visitor.getEmail(), visitor.isIdentityVerified());
        }
    }

    /** Fires the event when the visitor's details differ from {@code before}. */
    public static void fireIfChanged(Details before, Visitor visitor, Event<VisitorDetailsChanged> event) {
        if (!before.equals(Details.of(visitor))) {
            event.fire(new VisitorDetailsChanged(visitor.getId()));
        }
    }
}
