package com.switchboard.visitor.entity;

import com.switchboard.input.RequestRejectedException;
import com.switchboard.input.UnicodeText;

/**
 * A person as the customer's site signed them: its own id for them, and optionally name and e-mail.
 * The fields follow the same rules as typed ones, so a site cannot store what a visitor could not.
 */
public record VerifiedIdentity(String externalId, String name, String email) {

    public static final int MAX_EXTERNAL_ID = 100;

    public VerifiedIdentity {
        externalId = externalId == null ? "" : UnicodeText.identifier(externalId, "external id").strip();
        if (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID) {
            throw RequestRejectedException.invalid("visitor.identity.id",
                    "A signed identity needs the site's id of the visitor, 1 to " + MAX_EXTERNAL_ID + " characters.");
        }
        name = VisitorDetails.name(name);
        email = VisitorDetails.email(email);
    }
}
