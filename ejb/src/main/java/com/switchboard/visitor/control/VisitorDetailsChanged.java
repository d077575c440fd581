package com.switchboard.visitor.control;

/**
 * A CDI event, fired inside the transaction that changed who a visitor says or is vouched to be (name, e-mail,
 * verified): their customer card changed for whoever has it open.
 */
public record VisitorDetailsChanged(long visitorId) {
}
