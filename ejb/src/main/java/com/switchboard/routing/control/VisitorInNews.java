package com.switchboard.routing.control;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.conversation.entity.Conversation;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The visitor that a console's toast names for news about a conversation it may not list yet (an offer while the
 * agent's list shows other chats, an invitation into an inbox of others): their label, whether the customer's site
 * signed it, the inbox and the newest public message's start, under the names the conversation list uses, so the
 * toast can carry the verified lock and say what the visitor wrote.
 */
final class VisitorInNews {

    private VisitorInNews() {
    }

    static JsonObject into(JsonObject frame, Conversation conversation, Optional<String> lastMessage) {
        var visitor = conversation.getVisitor();
        var news = JSON.createObjectBuilder(frame).add("visitorLabel", visitor.label())
                .add("visitorVerified", visitor.isIdentityVerified())
                .add("inboxName", conversation.getInbox().getName());
        lastMessage.ifPresent(text -> news.add("lastMessage", text));
        return news.build();
    }
}
