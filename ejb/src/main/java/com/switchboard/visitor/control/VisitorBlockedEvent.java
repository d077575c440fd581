package com.switchboard.visitor.control;

import static com.switchboard.platform.control.Jsonp.JSON;

import com.switchboard.visitor.entity.Network;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * A block came into force: every node closes the sockets of the visitor, or of every visitor connected from the
 * network. Exactly one of the two is set.
 */
public record VisitorBlockedEvent(Long visitorId, String networkCidr) {

    public static final String TYPE = "visitor.blocked";

    public boolean covers(long candidateVisitorId, String ipAddress) {
        return visitorId != null ? visitorId == candidateVisitorId : new Network(networkCidr).contains(ipAddress);
    }

    public JsonObject toJson() {
        var json = JSON.createObjectBuilder().add("type", TYPE);
        json.add("visitorId", visitorId == null ? JsonValue.NULL : JSON.createValue(visitorId));
        json.add("network", networkCidr == null ? JsonValue.NULL : JSON.createValue(networkCidr));
        return json.build();
    }

    public static VisitorBlockedEvent fromJson(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            var o = reader.readObject();
            var visitorId = o.isNull("visitorId") ? null : o.getJsonNumber("visitorId").longValueExact();
            var network = o.isNull("network") ? null : o.getString("network");
            if ((visitorId == null) == (network == null)) {
                throw new IllegalArgumentException("exactly one of visitorId and network");
            }
            return new VisitorBlockedEvent(visitorId, network);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a visitor.blocked event: " + e.getMessage(), e);
        }
    }
}
