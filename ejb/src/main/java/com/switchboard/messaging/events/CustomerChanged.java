package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * A customer's card changed (their tags or details): it goes to who may read one of their conversations, the
 * members of {@code inboxIds} (where some are held by nobody), the agents named and the overseers.
 */
public record CustomerChanged(long customerId, Set<Long> inboxIds, Set<Long> agentIds) implements InternalEvent {

    public static final String TYPE = "customer.changed";

    public CustomerChanged {
        inboxIds = Set.copyOf(inboxIds);
        agentIds = Set.copyOf(agentIds);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        var inboxes = JSON.createArrayBuilder();
        inboxIds.stream().sorted().forEach(inboxes::add);
        var agents = JSON.createArrayBuilder();
        agentIds.stream().sorted().forEach(agents::add);
        return JSON.createObjectBuilder().add("type", TYPE).add("customerId", customerId).add("inboxIds", inboxes)
                .add("agentIds", agents).build();
    }

    /** What the agents' consoles get: which card to read again. */
    public JsonObject frame() {
        return JSON.createObjectBuilder().add("type", TYPE).add("customerId", customerId).build();
    }
}
