package com.switchboard.transcript.control;

import com.switchboard.agent.control.ActiveAgents;
import com.switchboard.agent.entity.Role;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/**
 * Who may take transcripts and exports away: admins everything, supervisors the conversations of their own
 * inboxes (they oversee every conversation in the consoles, but a copy to keep is narrower), agents nothing. A
 * transcript holds what the visitor never sees (notes, who did what), so it is not the consoles' read rule.
 */
@Stateless
public class TranscriptRights {

    @PersistenceContext
    EntityManager em;

    @EJB
    ActiveAgents agents;

    /** The reader's scope; an agent who is neither admin nor supervisor is refused ({@code transcript.forbidden}). */
    public StaffScope scopeOf(long agentId) {
        var reader = agents.require(agentId);
        if (reader.getRoles().contains(Role.ADMIN)) {
            return new StaffScope(reader, null);
        }
        if (!reader.getRoles().contains(Role.SUPERVISOR)) {
            throw RequestRejectedException.forbidden("transcript.forbidden",
                    "Transcripts and exports are for admins and supervisors.");
        }
        return new StaffScope(reader, Set.copyOf(em.createNamedQuery(InboxMembership.INBOX_IDS_OF_AGENT, Long.class)
                .setParameter("agentId", reader.getId()).getResultList()));
    }

    /** A supervisor outside the inbox is refused ({@code transcript.inbox-forbidden}). */
    public void requireCovered(StaffScope scope, Inbox inbox) {
        if (!scope.covers(inbox.getId())) {
            throw outside(inbox.getName());
        }
    }

    public static RequestRejectedException outside(String inboxName) {
        return RequestRejectedException.forbidden("transcript.inbox-forbidden",
                "Supervisors take transcripts of their own inboxes only; you are no member of " + inboxName + ".");
    }
}
