package com.switchboard.canned.boundary;

import com.switchboard.agent.entity.Agent;
import com.switchboard.agent.entity.Role;
import com.switchboard.canned.entity.CannedResponse;
import com.switchboard.canned.entity.CannedText;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.CheckedFlush;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Prepared answers: each agent's own, and the organisation's, which only admins write. Where an agent's own
 * shortcut equals an organisation-wide one, the agent's wins.
 */
@Stateless
public class CannedResponseService {

    @PersistenceContext
    EntityManager em;

    @EJB
    Transcripts transcripts;

    public CannedView createPersonal(long agentId, CannedText text) {
        return store(new CannedResponse(agent(agentId), text));
    }

    public CannedView createForOrganisation(long actorId, CannedText text) {
        requireAdmin(agent(actorId));
        return store(new CannedResponse(null, text));
    }

    /** A personal canned response made of a public message the agent can read ("quick reply"). */
    public CannedView createFromMessage(long agentId, long conversationId, long seq, String title, String shortcut) {
        var message = transcripts.forAgent(agentId, conversationId).stream()
                .filter(entry -> entry.seq() == seq && !AuthorType.NOTE.name().equals(entry.author()))
                .findFirst()
                .orElseThrow(() -> RequestRejectedException.notFound("canned.message-unknown",
                        "There is no public message " + seq + " in that conversation to make a quick reply of."));
        return createPersonal(agentId, new CannedText(title, shortcut, message.text()));
    }

    public CannedView change(long id, long actorId, long expectedVersion, CannedText text) {
        var response = writable(id, agent(actorId));
        if (response.getVersion() != expectedVersion) {
            throw changedMeanwhile();
        }
        response.change(text);
        CheckedFlush.flush(em, CannedResponseService::changedMeanwhile, () -> shortcutTaken(text.shortcut()));
        return CannedView.of(response);
    }

    public void delete(long id, long actorId) {
        em.remove(writable(id, agent(actorId)));
    }

    /** The agent's own and the organisation's, by shortcut; an own one hides an organisation-wide namesake. */
    public List<CannedView> available(long agentId) {
        var byShortcut = new LinkedHashMap<String, CannedResponse>();
        em.createNamedQuery(CannedResponse.VISIBLE_TO, CannedResponse.class).setParameter("agentId", agentId)
                .getResultList().forEach(response -> byShortcut.putIfAbsent(response.text().shortcut(), response));
        return byShortcut.values().stream().map(CannedView::of).toList();
    }

    /**
     * The organisation's canned responses whose title, shortcut or text contain {@code search} (ignoring case;
     * all of them for an empty one), by shortcut.
     */
    public List<CannedView> organisationWide(String search) {
        var wanted = search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
        // '!' escapes: a backslash inside an SQL literal is itself an escape on MySQL and MariaDB.
        var pattern = "%" + wanted.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return em.createQuery("SELECT c FROM CannedResponse c WHERE c.ownerKey = 0 AND (LOWER(c.title) LIKE :q "
                        + "ESCAPE '!' OR c.shortcut LIKE :q ESCAPE '!' OR LOWER(c.body) LIKE :q ESCAPE '!') "
                        + "ORDER BY c.shortcut", CannedResponse.class)
                .setParameter("q", pattern).getResultStream().map(CannedView::of).toList();
    }

    public Optional<CannedView> byShortcut(long agentId, String shortcut) {
        var wanted = shortcut == null ? "" : shortcut.strip().replaceFirst("^/", "").toLowerCase(java.util.Locale.ROOT);
        return available(agentId).stream().filter(view -> view.shortcut().equals(wanted)).findFirst();
    }

    private CannedView store(CannedResponse response) {
        var shortcut = response.text().shortcut();
        if (!em.createNamedQuery(CannedResponse.BY_OWNER_AND_SHORTCUT, CannedResponse.class)
                .setParameter("ownerKey", response.getOwnerKey()).setParameter("shortcut", shortcut)
                .getResultList().isEmpty()) {
            throw shortcutTaken(shortcut);
        }
        em.persist(response);
        CheckedFlush.flush(em, CannedResponseService::changedMeanwhile, () -> shortcutTaken(shortcut));
        return CannedView.of(response);
    }

    /** Personal responses are their owner's to change; organisation-wide ones are the admins'. */
    private CannedResponse writable(long id, Agent actor) {
        var response = em.find(CannedResponse.class, id);
        if (response == null || !(response.isOrganisationWide() || response.isOwnedBy(actor.getId()))) {
            throw RequestRejectedException.notFound("canned.unknown", "There is no canned response " + id + ".");
        }
        if (response.isOrganisationWide()) {
            requireAdmin(actor);
        }
        return response;
    }

    private Agent agent(long agentId) {
        var agent = em.find(Agent.class, agentId);
        if (agent == null || !agent.isActive()) {
            throw RequestRejectedException.notFound("agent.unknown", "There is no active agent " + agentId + ".");
        }
        return agent;
    }

    private static void requireAdmin(Agent agent) {
        if (!agent.getRoles().contains(Role.ADMIN)) {
            throw RequestRejectedException.forbidden("canned.admins-only",
                    "Only admins write the organisation's canned responses.");
        }
    }

    private static RequestRejectedException shortcutTaken(String shortcut) {
        return RequestRejectedException.conflict("canned.shortcut.taken",
                "The shortcut /" + shortcut + " is already in use.");
    }

    private static RequestRejectedException changedMeanwhile() {
        return RequestRejectedException.conflict("canned.changed",
                "Someone else changed this canned response meanwhile; reload it and try again.");
    }
}
