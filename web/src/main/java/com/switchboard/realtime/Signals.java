package com.switchboard.realtime;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonObject;
import java.util.Set;

/** Signals (typing, drafts, read positions) as clients see them: without the routing fields of the topic. */
final class Signals {

    private static final Set<String> INTERNAL = Set.of("socketId", "visitorId", "assigneeId",
            "participantIds", "toVisitor", "visitorAgentName");

    private Signals() {
    }

    static JsonObject forClient(JsonObject signal) {
        var frame = JSON.createObjectBuilder();
        signal.forEach((name, value) -> {
            if (!INTERNAL.contains(name)) {
                frame.add(name, value);
            }
        });
        return frame.build();
    }

    /** What the visitor sees of an agent typing: not which agent (by id), only the name the visitor sees. */
    static JsonObject forVisitor(JsonObject signal) {
        var frame = JSON.createObjectBuilder(forClient(signal));
        frame.remove("agentId");
        if (signal.containsKey("visitorAgentName")) {
            frame.add("agentName", signal.get("visitorAgentName"));
        }
        return frame.build();
    }
}
