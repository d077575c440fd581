package com.switchboard.visitor.control;

import com.switchboard.visitor.entity.Network;

/**
 * Fired in the transaction that blocks a visitor, or a network ({@code visitorId} null), for the capabilities that
 * must let go of them at once.
 */
public record VisitorBlocked(long blockId, Long visitorId, Network network) {

    public static VisitorBlocked visitor(long blockId, long visitorId) {
        return new VisitorBlocked(blockId, visitorId, null);
    }

    public static VisitorBlocked network(long blockId, Network network) {
        return new VisitorBlocked(blockId, null, network);
    }

    /** Whether the block covers a visitor with this id, last seen at this address. */
    public boolean covers(long visitorId, String ipAddress) {
        return this.visitorId != null ? this.visitorId == visitorId
                : ipAddress != null && network.contains(ipAddress);
    }
}
