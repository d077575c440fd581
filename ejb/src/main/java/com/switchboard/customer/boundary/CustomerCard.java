package com.switchboard.customer.boundary;

import java.time.Instant;
import java.util.List;

/**
 * Who the customer of a conversation is, as the console's card shows them. {@code pinned} false: the conversation
 * was unpinned from its customer and the card shows nothing else. {@code source} is where the customer came from
 * ({@code WIDGET} with the site and page, and whether they wrote on the offline form; {@code JMS} with the legacy
 * system's id of them); {@code earlierCount}
 * counts their other conversations on the card, {@code earlier} lists those the agent may open (newest first, at
 * most {@value CustomerCards#EARLIER_LISTED}).
 */
public record CustomerCard(long conversationId, boolean pinned, Long customerId, String name, String email,
                           boolean verified, Source source, Instant firstSeen, Instant lastSeen, String browser,
                           String address, long earlierCount, List<EarlierConversation> earlier,
                           List<CardTag> tags) {

    public static CustomerCard unpinned(long conversationId) {
        return new CustomerCard(conversationId, false, null, null, null, false, null, null, null, null, null, 0,
                List.of(), List.of());
    }

    /**
     * Where the customer came from: {@code channel} WIDGET (site, pageUrl, pageTitle; {@code offlineForm}: this
     * conversation was left on the widget's offline form) or JMS (externalId, and {@code system}: the legacy
     * system's broker user, when the broker said).
     */
    public record Source(String channel, String site, String pageUrl, String pageTitle, String externalId,
                         String system, boolean offlineForm) {
    }

    public record EarlierConversation(long id, String inboxName, String status, Instant startedAt) {
    }
}
