package com.switchboard.admin.inboxes;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;

/**
 * Backs the "Verified visitors" part of admin/inboxes/edit: the inbox's identity secret (docs/VISITOR_IDENTITY.md),
 * for admins only. It reaches the page only when the admin asks to see it, and rotating it waits for a
 * confirmation that says what it breaks: every site signing with the old secret, until it is updated there.
 */
@Named
@ViewScoped
public class IdentitySecret implements Serializable {

    @EJB
    InboxService inboxes;

    @Inject
    ConsoleUser user;

    private String secret;
    private boolean confirming;

    public void show(long inboxId) {
        if (!user.isAdmin()) {
            Feedback.error(null, "Only admins see the identity secret.");
            return;
        }
        try {
            secret = inboxes.identitySecret(inboxId);
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
        }
    }

    public void hide() {
        secret = null;
    }

    /** The first step of rotating: the page asks the admin to confirm. */
    public void askToRotate() {
        confirming = user.isAdmin();
        if (!confirming) {
            Feedback.error(null, "Only admins rotate the identity secret.");
        }
    }

    public void rotate(long inboxId) {
        confirming = false;
        if (!user.isAdmin()) {
            Feedback.error(null, "Only admins rotate the identity secret.");
            return;
        }
        try {
            secret = inboxes.rotateIdentitySecret(inboxId);
            Feedback.warning("The identity secret is rotated. Every site that signs its visitors must use the new "
                    + "one now: until it does, its visitors are not verified.");
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
        }
    }

    public void keep() {
        confirming = false;
    }

    public String getSecret() {
        return secret;
    }

    public boolean isConfirming() {
        return confirming;
    }
}
