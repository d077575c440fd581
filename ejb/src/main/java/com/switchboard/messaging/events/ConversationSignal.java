package com.switchboard.messaging.events;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;

/**
 * A passing signal about a conversation, for the same {@link Audience} as its entries but not an entry itself
 * (no seq, nothing to resume): someone typing, an agent's draft or read position, the visitor's presence or page,
 * and the lists' news that it changed status, went overdue or was deleted. {@code json} is the signal as
 * published, the audience's fields and the routing fields included; the sockets strip those.
 */
public record ConversationSignal(String type, long conversationId, long inboxId, JsonObject json, Audience audience)
        implements InternalEvent {

    public static final String TYPING = "typing";
    public static final String DRAFT = "draft";
    public static final String READ_POSITION = "read.position";
    public static final String VISITOR_PRESENCE = "visitor.presence";
    public static final String VISITOR_CONTEXT = "visitor.context";
    /** It closed, opened again or was archived (the consoles' lists follow). */
    public static final String STATUS = "conversation.status";
    /** Its reply deadline passed without an answer (once per deadline). */
    public static final String OVERDUE = "conversation.overdue";
    /** It is gone for everyone (the consoles close its tab and say why). */
    public static final String DELETED = "conversation.deleted";
    /**
     * The one agent it names left it, or was asked out of it (their consoles drop its tab unless they may still
     * read it): its own events no longer reach them.
     */
    public static final String LEFT = "conversation.left";

    static final Set<String> TYPES = Set.of(TYPING, DRAFT, READ_POSITION, VISITOR_PRESENCE, VISITOR_CONTEXT, STATUS,
            OVERDUE, DELETED, LEFT);

    /** The signals for whoever may read the conversation; the others are for the one agent they name. */
    public static final Set<String> FOR_READERS = Set.of(TYPING, VISITOR_PRESENCE, VISITOR_CONTEXT, STATUS, OVERDUE,
            DELETED);

    public static ConversationSignal of(String type, long conversationId, long inboxId, JsonObjectBuilder body,
                                        Audience audience) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not a signal: " + type);
        }
        body.add("type", type).add("conversationId", conversationId).add("inboxId", inboxId);
        audience.addTo(body);
        return new ConversationSignal(type, conversationId, inboxId, body.build(), audience);
    }

    static ConversationSignal fromJson(String type, JsonObject json) {
        if (!type.equals(json.getString("type"))) {
            throw new IllegalArgumentException("a body of type " + json.getString("type"));
        }
        return new ConversationSignal(type, InternalEvents.number(json, "conversationId"),
                InternalEvents.number(json, "inboxId"), json, Audience.fromJson(json));
    }

    @Override
    public JsonObject toJson() {
        return json;
    }

    /** Whether it goes to whoever may read the conversation, rather than to the one agent it names. */
    public boolean forReaders() {
        return FOR_READERS.contains(type);
    }
}
