package com.switchboard.messaging.events;

import static com.switchboard.input.Jsonp.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * An inbox's queue moved: its waiting visitors in order (the first is next) and, when the inbox's pace is known,
 * the seconds one place takes.
 */
public record QueueMoved(long inboxId, List<Long> visitorIds, Long secondsPerPlace) implements InternalEvent {

    public static final String TYPE = "queue.positions";

    public QueueMoved {
        visitorIds = List.copyOf(visitorIds);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonObject toJson() {
        var visitors = JSON.createArrayBuilder();
        visitorIds.forEach(visitors::add);
        var json = JSON.createObjectBuilder().add("type", TYPE).add("inboxId", inboxId).add("visitorIds", visitors);
        if (secondsPerPlace != null) {
            json.add("secondsPerPlace", secondsPerPlace);
        }
        return json.build();
    }

    static QueueMoved fromJson(JsonObject json) {
        return new QueueMoved(InternalEvents.number(json, "inboxId"), json.getJsonArray("visitorIds")
                .getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValueExact).toList(),
                InternalEvents.optionalNumber(json, "secondsPerPlace"));
    }
}
