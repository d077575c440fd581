package com.switchboard.visitor.control;

import com.switchboard.persistence.control.InstallationSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * The installation's key for new visitors' tokens and for the links back to a chat, read from the database once
 * per node: {@code FirstStart} creates it and nothing changes it, while every handshake and every first act of a
 * visitor needs it.
 */
@ApplicationScoped
public class VisitorTokenKey {

    /** The installation setting that holds the key (made by {@code FirstStart}). */
    public static final String SETTING = "visitor-token-key";

    @EJB
    InstallationSettings settings;

    private volatile Signers signers;

    /** What the key signs: new visitors' tokens, and the tickets of mails' links back to a chat. */
    private record Signers(VisitorTokens tokens, ComeBackTickets tickets) {
    }

    public VisitorTokens tokens() {
        return signers().tokens();
    }

    public ComeBackTickets tickets() {
        return signers().tickets();
    }

    private Signers signers() {
        var known = signers;
        if (known == null) {
            var key = settings.find(SETTING).orElseThrow(() -> new IllegalStateException(
                    "No visitor-token key: FirstStart creates it when the application starts"))
                    .getBytes(StandardCharsets.US_ASCII);
            known = new Signers(new VisitorTokens(key), new ComeBackTickets(key));
            signers = known;
        }
        return known;
    }
}
