package com.switchboard.inbox.boundary;

import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.inbox.entity.RatingScale;

/** An inbox as callers see it; {@code version} goes back with the next change (optimistic locking);
 * {@code operatorName} is null when each agent writes under their own name. */
public record InboxView(long id, String widgetKey, boolean widgetEnabled, boolean deleted, long version,
                        InboxSettings settings, RatingScale ratingScale,
                        boolean chatLogByEmail, String operatorName) {

    static InboxView of(Inbox inbox) {
        return new InboxView(inbox.getId(), inbox.getWidgetKey(), inbox.isWidgetEnabled(), inbox.isDeleted(),
                inbox.getVersion(), inbox.settings(), inbox.getRatingScale(),
                inbox.isChatLogByEmail(), inbox.getOperatorName());
    }
}
