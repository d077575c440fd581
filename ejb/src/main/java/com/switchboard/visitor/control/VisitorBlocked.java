package com.switchboard.visitor.control;

/** Fired in the transaction that blocks the visitor, for the capabilities that must let go of them at once. */
public record VisitorBlocked(long visitorId) {
}
