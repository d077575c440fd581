package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may see a conversation's live events, as it stood when the event committed: its visitor, its holder and
 * its participants (from any inbox). With the inbox (whose members see it while nobody holds it) and the
 * overseers (admins, supervisors) this is {@link ConversationVisibility}'s rule, sent along so that no node has
 * to ask the database which of its sockets may receive an event.
 */
public record Audience(long visitorId, Long assigneeId, Set<Long> participantIds) {

    public Audience {
        participantIds = Set.copyOf(participantIds);
    }

    public void addTo(JsonObjectBuilder json) {
        json.add("visitorId", visitorId);
        if (assigneeId != null) {
            json.add("assigneeId", assigneeId);
        }
        var participants = JSON.createArrayBuilder();
        participantIds.stream().sorted().forEach(participants::add);
        json.add("participantIds", participants);
    }

    /** The audience in an event's JSON, or null for an event without one. */
    public static Audience fromJson(JsonObject o) {
        if (!o.containsKey("visitorId")) {
            return null;
        }
        var assignee = o.containsKey("assigneeId") ? o.getJsonNumber("assigneeId").longValueExact() : null;
        var participants = o.containsKey("participantIds")
                ? o.getJsonArray("participantIds").getValuesAs(JsonNumber.class).stream()
                        .map(JsonNumber::longValueExact).collect(Collectors.toSet())
                : Set.<Long>of();
        return new Audience(o.getJsonNumber("visitorId").longValueExact(), assignee, participants);
    }

    /** Whether an agent who is neither an overseer nor a member of the inbox may see the event. */
    public boolean includesAgent(long agentId) {
        return (assigneeId != null && assigneeId == agentId) || participantIds.contains(agentId);
    }

    /** Whether the members of the conversation's inbox see it: while nobody holds it. */
    public boolean openToInbox() {
        return assigneeId == null;
    }
}
