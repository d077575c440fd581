package com.switchboard.inbox.boundary;

import com.switchboard.conversation.entity.Message;
import com.switchboard.inbox.entity.Inbox;
import com.switchboard.inbox.entity.InboxMembership;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@Stateless
public class InboxService {

    @PersistenceContext
    EntityManager em;

    public Optional<Inbox> findByName(String name) {
        return em.createNamedQuery(Inbox.BY_NAME, Inbox.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** Active agents who belong to the inbox: the ones who see its conversations. */
    public Set<Long> memberAgentIds(long inboxId) {
        return em.createNamedQuery(InboxMembership.AGENT_IDS_OF_INBOX, Long.class)
                .setParameter("inboxId", inboxId).getResultStream().collect(Collectors.toSet());
    }

    public List<InboxStatistics> statistics() {
        Map<Long, Long> messages = new HashMap<>();
        em.createNamedQuery(Message.COUNT_BY_INBOX, Object[].class).getResultList()
                .forEach(row -> messages.put((Long) row[0], (Long) row[1]));
        return em.createNamedQuery(Inbox.ALL, Inbox.class).getResultList().stream()
                .map(inbox -> new InboxStatistics(inbox.getName(), memberAgentIds(inbox.getId()).size(),
                        messages.getOrDefault(inbox.getId(), 0L)))
                .toList();
    }
}
