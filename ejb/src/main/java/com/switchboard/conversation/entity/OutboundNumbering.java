package com.switchboard.conversation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Optional;

/**
 * How the conversation's events on the outbound topic are numbered (integration's contract, docs/JMS-CONTRACT.md),
 * kept in the conversation's row because whatever raises such an event holds that row's lock anyway; and the legacy
 * system's message that opened the conversation, which each of its events names.
 */
@Embeddable
public class OutboundNumbering {

    /** The number of the conversation's last outbound event. */
    @Column(name = "outbound_seq")
    private long seq;

    /** The {@code externalId} of the legacy system's message that opened the conversation, if one did. */
    @Column(name = "opened_by")
    private String openedBy;

    /** @return the number of the conversation's next outbound event. The caller holds the conversation's row lock. */
    public long next() {
        return ++seq;
    }

    public void openedBy(String externalId) {
        openedBy = externalId;
    }

    public Optional<String> getOpenedBy() {
        return Optional.ofNullable(openedBy);
    }
}
