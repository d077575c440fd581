package com.switchboard.transcript.control;

import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.EndedBy;
import com.switchboard.rating.boundary.RatingView;
import com.switchboard.rating.entity.ConversationRating;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lines of a conversations' export, one per conversation, read for a batch of ids at once (a handful of
 * queries per batch, whatever its size): who, where, when, who closed and archived it, how many messages of each
 * kind, the rating, the tags. Who ended it is its kind ({@link EndedBy.Kind}: AGENT, ADMIN, VISITOR, INACTIVITY,
 * SYSTEM) and, for an agent or an admin, their name as it was then; empty for ends made before this was recorded.
 */
@Stateless
public class ExportRows {

    public static final List<String> HEADER = List.of("Conversation", "Inbox", "Channel", "Customer",
            "Customer e-mail", "Verified", "Status", "Held by", "Agents", "Started (UTC)", "Closed (UTC)",
            "Closed by", "Closed by (name)", "Archived (UTC)", "Archived by", "Archived by (name)", "Visitor messages", "Agent messages", "Private notes", "Rating", "Satisfied",
            "Rating comment", "Tags");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    /** A conversation's line, with its inbox (for the reader's scope). */
    public record Row(long conversationId, long inboxId, List<Object> cells) {
    }

    /** The lines of these conversations in this order; a conversation deleted meanwhile has none. */
    public List<Row> of(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var conversations = new HashMap<Long, Conversation>();
        em.createQuery("SELECT c FROM Conversation c JOIN FETCH c.inbox JOIN FETCH c.visitor "
                        + "LEFT JOIN FETCH c.assignee WHERE c.id IN :ids", Conversation.class)
                .setParameter("ids", ids).getResultStream().forEach(c -> conversations.put(c.getId(), c));
        var ends = new HashMap<Long, Object[]>();
        em.createQuery("SELECT c.id, c.ended.closed.endedAt, c.ended.archived.endedAt, c.ended.closed.byKind, "
                + "c.ended.closed.byName, c.ended.archived.byKind, c.ended.archived.byName FROM Conversation c "
                + "WHERE c.id IN :ids",
                Object[].class).setParameter("ids", ids).getResultStream().forEach(row -> ends.put((Long) row[0], row));
        var counts = new HashMap<Long, Map<AuthorType, Long>>();
        em.createQuery("SELECT m.conversation.id, m.authorType, COUNT(m) FROM Message m "
                        + "WHERE m.conversation.id IN :ids GROUP BY m.conversation.id, m.authorType", Object[].class)
                .setParameter("ids", ids).getResultStream().forEach(row -> counts
                        .computeIfAbsent((Long) row[0], id -> new HashMap<>()).put((AuthorType) row[1], (Long) row[2]));
        var agents = new HashMap<Long, Set<String>>();
        em.createQuery("SELECT DISTINCT m.conversation.id, a.displayName FROM Message m JOIN m.authorAgent a "
                        + "WHERE m.conversation.id IN :ids AND m.authorType IN :written", Object[].class)
                .setParameter("ids", ids).setParameter("written", List.of(AuthorType.AGENT, AuthorType.NOTE))
                .getResultStream().forEach(row -> agents.computeIfAbsent((Long) row[0], id -> new TreeSet<>())
                        .add((String) row[1]));
        var ratings = new HashMap<Long, RatingView>();
        em.createQuery("SELECT r FROM ConversationRating r WHERE r.conversationId IN :ids", ConversationRating.class)
                .setParameter("ids", ids).getResultStream().forEach(r -> ratings.put(r.getConversationId(),
                        new RatingView(r.getConversationId(), r.getScale(), r.getScore(), r.isSatisfied(),
                                r.getComment(), r.getRatedAt())));
        var tags = new HashMap<Long, Set<String>>();
        em.createQuery("SELECT c.id, t FROM Conversation c JOIN c.tags t WHERE c.id IN :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .forEach(row -> tags.computeIfAbsent((Long) row[0], id -> new TreeSet<>()).add((String) row[1]));

        var rows = new ArrayList<Row>();
        for (var id : ids) {
            var conversation = conversations.get(id);
            if (conversation == null) {
                continue;
            }
            var visitor = conversation.getVisitor();
            var holder = conversation.getAssignee();
            var involved = new LinkedHashSet<>(agents.getOrDefault(id, Set.of()));
            if (holder != null) {
                involved.add(holder.getDisplayName());
            }
            var count = counts.getOrDefault(id, Map.of());
            var rating = ratings.get(id);
            var end = ends.get(id);
            rows.add(new Row(id, conversation.getInbox().getId(), Arrays.asList(id,
                    conversation.getInbox().getName(), conversation.getChannel().name(), visitor.label(),
                    visitor.getEmail(), visitor.isIdentityVerified() ? "yes" : "no", conversation.getStatus().name(),
                    holder == null ? null : holder.getDisplayName(), String.join("; ", involved),
                    time(conversation.getCreatedAt()), time((Instant) end[1]), end[3], end[4], time((Instant) end[2]),
                    end[5], end[6],
                    count.getOrDefault(AuthorType.VISITOR, 0L), count.getOrDefault(AuthorType.AGENT, 0L),
                    count.getOrDefault(AuthorType.NOTE, 0L), rating == null ? null : rating.label(),
                    rating == null ? null : rating.satisfied() ? "yes" : "no",
                    rating == null ? null : rating.comment(), String.join("; ", tags.getOrDefault(id, Set.of())))));
        }
        return rows;
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
