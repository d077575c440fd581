package com.switchboard.widget;

import com.switchboard.realtime.OriginAllowlist;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * The sites allowed to embed the widget, as the admin pages show them: the installation's setting
 * ({@code switchboard.websocket.origins}), the same for every inbox.
 */
@Named
@ApplicationScoped
public class EmbeddingSites {

    public boolean isAnySite() {
        return OriginAllowlist.configured().allowsAny();
    }

    /** Unset: only Switchboard's own pages may open the chat. */
    public boolean isOwnPagesOnly() {
        return OriginAllowlist.configured().ownOriginOnly();
    }

    public List<String> getOrigins() {
        return OriginAllowlist.configured().origins();
    }
}
