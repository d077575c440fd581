package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.rating.boundary.RatingView;
import jakarta.json.JsonObject;

/** {@code {conversationId, scale, rated, score?, satisfied?, comment?, ratedAt?}} (docs/PROTOCOL.md). */
public final class RatingJson {

    private RatingJson() {
    }

    public static JsonObject of(RatingView rating) {
        var json = JSON.createObjectBuilder().add("conversationId", rating.conversationId())
                .add("scale", rating.scale().name()).add("rated", rating.rated());
        if (rating.rated()) {
            json.add("score", rating.score()).add("satisfied", rating.satisfied())
                    .add("ratedAt", rating.ratedAt().toString());
            if (rating.comment() != null) {
                json.add("comment", rating.comment());
            }
        }
        return json.build();
    }
}
