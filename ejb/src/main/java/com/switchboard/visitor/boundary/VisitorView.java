package com.switchboard.visitor.boundary;

import com.switchboard.visitor.entity.Visitor;
import java.time.Instant;
import java.util.Set;

/**
 * A visitor as agents see them; {@code verified} tells whether name and e-mail were signed by the site;
 * {@code version} is what an edit of their tags must name.
 */
public record VisitorView(long id, String name, String email, String externalId, boolean verified,
                          String ipAddress, String userAgent, String pageUrl, String pageTitle, Instant lastSeenAt,
                          Instant createdAt, Set<String> tags, long version) {

    public static VisitorView of(Visitor visitor) {
        return new VisitorView(visitor.getId(), visitor.getName(), visitor.getEmail(), visitor.getExternalId(),
                visitor.isIdentityVerified(), visitor.getIpAddress(), visitor.getUserAgent(), visitor.getPageUrl(),
                visitor.getPageTitle(), visitor.getLastSeenAt(), visitor.getCreatedAt(), visitor.getTags(),
                visitor.getVersion());
    }
}
