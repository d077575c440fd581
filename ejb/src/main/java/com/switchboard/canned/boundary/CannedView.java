package com.switchboard.canned.boundary;

import com.switchboard.canned.entity.CannedResponse;

public record CannedView(long id, boolean organisationWide, String title, String shortcut, String text,
                         long version) {

    static CannedView of(CannedResponse response) {
        var text = response.text();
        return new CannedView(response.getId(), response.isOrganisationWide(), text.title(), text.shortcut(),
                text.text(), response.getVersion());
    }
}
