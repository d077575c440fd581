package com.switchboard.visitor.boundary;

import com.switchboard.visitor.entity.VisitorBlock;
import java.time.Instant;

/** A block as the admin console lists it: what, why, by whom, until when, and its lifting if it was lifted. */
public record BlockView(long id, Long visitorId, String network, String reason, long blockedBy, Instant blockedAt,
                        Instant expiresAt, Long liftedBy, Instant liftedAt, boolean inForce) {

    public static BlockView of(VisitorBlock block, Instant now) {
        return new BlockView(block.getId(), block.getVisitor() == null ? null : block.getVisitor().getId(),
                block.getNetworkCidr(), block.getReason(), block.getBlockedBy().getId(), block.getBlockedAt(),
                block.getExpiresAt(), block.getLiftedBy() == null ? null : block.getLiftedBy().getId(),
                block.getLiftedAt(), block.inForce(now));
    }
}
