package com.switchboard.messaging.events;

import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;

/**
 * A change committed on one node that every node follows: an event of the internal topic
 * ({@code Destinations.CONVERSATION_EVENTS}). Every type is a record of this package with its JSON form, published
 * by {@link EventTopic} and read back by {@link InternalEvents#parse}; each node's consumer fires what it reads as
 * a CDI event. Observers that renew what a node keeps (caches) run first, at {@link #CACHES}; the sockets' pushes
 * run after them, at the default priority, so a frame never races ahead of the cache it depends on.
 * <p>
 * None of these types is ever fired inside a transaction: what a transaction tells its own observers has types
 * of its own, because an observer of a type sees every event of it, from wherever it was fired.
 */
public interface InternalEvent {

    /** The observer priority of a node's caches: before every push of the same event. */
    int CACHES = Interceptor.Priority.APPLICATION;

    /** The topic's {@code type} property, by which {@link InternalEvents#parse} knows the body. */
    String type();

    /** The body on the topic. */
    JsonObject toJson();
}
