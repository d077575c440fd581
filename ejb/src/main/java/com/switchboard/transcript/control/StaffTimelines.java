package com.switchboard.transcript.control;

import com.switchboard.attachment.entity.AttachedFile;
import com.switchboard.conversation.control.MessageFiles;
import com.switchboard.conversation.entity.AuthorType;
import com.switchboard.conversation.entity.Conversation;
import com.switchboard.conversation.entity.Message;
import com.switchboard.rating.boundary.RatingView;
import com.switchboard.rating.entity.ConversationRating;
import com.switchboard.routing.entity.OfferStatus;
import com.switchboard.routing.entity.RoutingDecision;
import com.switchboard.routing.entity.RoutingOutcome;
import com.switchboard.transcript.boundary.StaffTranscript.Entry;
import com.switchboard.transcript.boundary.StaffTranscript.Kind;
import com.switchboard.transcript.boundary.StaffTranscript;
import com.switchboard.transcript.entity.ConversationMilestone;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what a staff transcript holds: the messages with their files and options, the conversation's closes and
 * archivings, its routing steps and invitations, and its facts (customer, holder, tags, rating). Only reads.
 */
@Stateless
public class StaffTimelines {

    @PersistenceContext
    EntityManager em;

    @EJB
    MessageFiles attachments;

    /**
     * The transcript of the conversation as it stands, for {@code readerName}; empty if it is gone. Called for
     * each conversation of an export, in a transaction of its own: nothing read stays in memory after it.
     */
    public Optional<StaffTranscript> of(long id, String readerName) {
        var conversation = em.find(Conversation.class, id);
        return conversation == null ? Optional.empty() : Optional.of(of(conversation, readerName));
    }

    private StaffTranscript of(Conversation conversation, String readerName) {
        long id = conversation.getId();
        var visitor = conversation.getVisitor().label();
        var files = attachments.ofConversation(id);
        var messages = em.createQuery("SELECT m FROM Message m LEFT JOIN FETCH m.authorAgent "
                        + "WHERE m.conversation.id = :id ORDER BY m.seq", Message.class)
                .setParameter("id", id).getResultList().stream()
                .map(m -> entry(m, visitor, files.getOrDefault(m.getSeq(), List.of()))).toList();

        var milestones = em.createNamedQuery(ConversationMilestone.OF_CONVERSATION, ConversationMilestone.class)
                .setParameter("conversationId", id).getResultStream()
                .map(m -> new Timeline.Milestone(m.getKind(), m.getAfterSeq(), m.getAt(), m.getBy())).toList();
        var endings = conversation.ended();
        Object[] ends = {endings.closedAt(), endings.archivedAt()};
        var closedBy = endings.closedBy();
        var archivedBy = endings.archivedBy();
        var timed = new ArrayList<Entry>();
        timed.addAll(routing(id));
        timed.addAll(invitations(id));
        if (milestones.isEmpty()) {
            // Closed before closes were kept one by one: the conversation's row still knows the latest.
            if (ends[0] != null) {
                timed.add(Entry.event((Instant) ends[0], closedBy == null ? "Closed" : "Closed by " + closedBy.label(),
                        null));
            }
            if (ends[1] != null) {
                timed.add(Entry.event((Instant) ends[1], archivedBy == null ? "Archived"
                        : "Archived by " + archivedBy.label(), null));
            }
        }

        var holder = conversation.getAssignee();
        var agents = new LinkedHashSet<String>();
        messages.stream().filter(e -> e.kind() == Kind.AGENT || e.kind() == Kind.NOTE)
                .forEach(e -> agents.add(e.who()));
        if (holder != null) {
            agents.add(holder.getDisplayName());
        }
        var rating = rating(id);
        var inbox = conversation.getInbox();
        var facts = new StaffTranscript.Facts(id, inbox.getId(), inbox.getName(), conversation.getChannel().name(),
                conversation.getStatus().name(), visitor,
                conversation.getVisitor().getEmail(), conversation.getVisitor().isIdentityVerified(),
                conversation.getCreatedAt(), (Instant) ends[0], (Instant) ends[1],
                closedBy == null ? null : closedBy.label(), archivedBy == null ? null : archivedBy.label(),
                holder == null ? null : holder.getDisplayName(), List.copyOf(agents),
                conversation.getTags().stream().sorted().toList(),
                rating == null ? null : rating.label() + (rating.satisfied() ? " (satisfied)" : " (not satisfied)"),
                rating == null ? null : rating.comment());
        return new StaffTranscript(facts, Timeline.of(messages, milestones, timed), Instant.now(), readerName);
    }

    private static Entry entry(Message message, String visitor, List<AttachedFile> files) {
        var author = message.getAuthorAgent();
        var kind = switch (message.getAuthorType()) {
            case VISITOR -> Kind.VISITOR;
            case AGENT -> Kind.AGENT;
            case SYSTEM -> Kind.SYSTEM;
            case NOTE -> Kind.NOTE;
            case INTERNAL -> Kind.INTERNAL;
        };
        var who = switch (message.getAuthorType()) {
            case VISITOR -> visitor;
            case SYSTEM -> "System message";
            default -> author == null ? "Switchboard" : author.getDisplayName();
        };
        var shown = message.getAuthorType() == AuthorType.AGENT ? message.getShownAuthorName() : null;
        return new Entry(kind, message.getCreatedAt(), message.getSeq(), who,
                shown == null || shown.equals(who) ? null : shown, message.getBody(), message.getQuoteSeq(),
                message.getOptions(), message.getPickedOption(),
                files.stream().map(f -> new StaffTranscript.File(f.name(), f.mediaType(), f.size())).toList());
    }

    private List<Entry> routing(long conversationId) {
        var decisions = em.createNamedQuery(RoutingDecision.OF_CONVERSATION, RoutingDecision.class)
                .setParameter("conversationId", conversationId).getResultList();
        var names = names(decisions.stream().map(RoutingDecision::getAgentId).filter(Objects::nonNull).toList());
        return decisions.stream().map(d -> Entry.event(d.getDecidedAt(),
                describe(d.getOutcome(), d.getAgentId() == null ? null : names.get(d.getAgentId())),
                d.getExplanation())).toList();
    }

    /** A routing step in words, naming the agent it concerned. */
    static String describe(RoutingOutcome outcome, String agent) {
        var who = agent == null ? "an agent" : agent;
        return switch (outcome) {
            case OFFERED -> "Offered to " + who;
            case WAITING -> "Waiting: nobody could take it";
            case MANUAL -> "Waiting for a supervisor to assign it";
            case BROADCAST -> "Shown to every online member of the inbox";
            case ACCEPTED -> "Accepted by " + who;
            case REJECTED -> "Rejected by " + who;
            case EXPIRED -> "The offer to " + who + " expired";
            case CANCELLED -> "The offer to " + who + " was withdrawn";
            case ASSIGNED -> "Assigned to " + who;
            case TRANSFERRED -> agent == null ? "Moved to another inbox's queue" : "Handed on to " + agent;
            case RELEASED -> agent == null ? "Back in the queue" : "Back in the queue from " + agent;
        };
    }

    /** Each invitation when it was made and, unless accepted (the entry among agents says who joined), its end. */
    private List<Entry> invitations(long conversationId) {
        var events = new ArrayList<Entry>();
        em.createQuery("SELECT i.inviter.displayName, i.invitee.displayName, i.inviterLeaves, i.answer.status, "
                        + "i.answer.createdAt, i.answer.decidedAt FROM Invitation i "
                        + "WHERE i.conversation.id = :id ORDER BY i.id", Object[].class)
                .setParameter("id", conversationId).getResultStream().forEach(row -> {
                    var inviter = (String) row[0];
                    var invitee = (String) row[1];
                    events.add(Entry.event((Instant) row[4], inviter + " invited " + invitee
                            + ((Boolean) row[2] ? " to take the conversation over" : " to take part"), null));
                    var ended = switch ((OfferStatus) row[3]) {
                        case REJECTED -> invitee + " declined " + inviter + "'s invitation";
                        case EXPIRED -> inviter + "'s invitation to " + invitee + " expired";
                        case CANCELLED -> inviter + "'s invitation to " + invitee + " was withdrawn";
                        default -> null;
                    };
                    if (ended != null && row[5] != null) {
                        events.add(Entry.event((Instant) row[5], ended, null));
                    }
                });
        return events;
    }

    private Map<Long, String> names(List<Long> agentIds) {
        var names = new HashMap<Long, String>();
        if (!agentIds.isEmpty()) {
            em.createQuery("SELECT a.id, a.displayName FROM Agent a WHERE a.id IN :ids", Object[].class)
                    .setParameter("ids", agentIds).getResultStream()
                    .forEach(row -> names.put((Long) row[0], (String) row[1]));
        }
        return names;
    }

    private RatingView rating(long conversationId) {
        return em.createQuery("SELECT r FROM ConversationRating r WHERE r.conversationId = :id",
                        ConversationRating.class).setParameter("id", conversationId).getResultStream()
                .map(r -> new RatingView(r.getConversationId(), r.getScale(), r.getScore(), r.isSatisfied(),
                        r.getComment(), r.getRatedAt()))
                .findFirst().orElse(null);
    }
}
