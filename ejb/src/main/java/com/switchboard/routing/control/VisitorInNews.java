package com.switchboard.routing.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.entity.Conversation;
import jakarta.json.JsonObject;

/**
 * The visitor that a console's toast names for news about a conversation it may not list yet (an offer while the
 * agent's list shows other chats, an invitation into an inbox of others): their label, whether the customer's site
 * signed it, and the inbox, under the names the conversation list uses, so the toast can carry the verified lock.
 */
final class VisitorInNews {

    private VisitorInNews() {
    }

    static JsonObject into(JsonObject frame, Conversation conversation) {
        var visitor = conversation.getVisitor();
        return JSON.createObjectBuilder(frame).add("visitorLabel", visitor.label())
                .add("visitorVerified", visitor.isIdentityVerified())
                .add("inboxName", conversation.getInbox().getName()).build();
    }
}
