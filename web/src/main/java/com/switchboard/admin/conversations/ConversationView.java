package com.switchboard.admin.conversations;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.boundary.TranscriptEntry;
import com.switchboard.conversation.boundary.Transcripts;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.Member;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.mail.boundary.MailOutbox;
import com.switchboard.mail.boundary.MailView;
import com.switchboard.rating.boundary.RatingService;
import com.switchboard.rating.boundary.RatingView;
import com.switchboard.routing.boundary.RoutingDecisionView;
import com.switchboard.routing.boundary.RoutingService;
import com.switchboard.routing.boundary.Transfers;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backs admin/conversations/view?id=: the transcript with private notes marked, the routing decisions in plain
 * words, and what supervisors do with a conversation: assign a waiting one (over capacity only when confirmed),
 * hand a held one to another member (an offer they accept) or a closed one (directly: it stays closed), archive
 * it (confirmed first while its visitor is online). Each notice says which of these happened.
 */
@Named
@ViewScoped
public class ConversationView implements Serializable {

    @EJB
    ConversationDirectory directory;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    Transcripts transcripts;

    @EJB
    RoutingService routing;

    @EJB
    Transfers transfers;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    RatingService ratings;

    @EJB
    MailOutbox mail;

    @Inject
    ConsoleUser user;

    private Long id;
    private ConversationSummary conversation;
    private List<TranscriptEntry> transcript;
    private List<RoutingDecisionView> decisions;
    private List<Member> members;
    private Map<Long, String> names;
    private Long agentId;
    private boolean overCapacity;
    private boolean full;
    private boolean confirmingArchive;
    private RatingView rating;
    private List<MailView> mails;

    public String load() {
        try {
            conversation = directory.find(user.id(), id == null ? -1 : id);
        } catch (RequestRejectedException unknown) {
            Feedback.afterRedirect(id == null ? "There is no such conversation."
                    : "There is no conversation " + id + ".");
            return "/admin/conversations/index?faces-redirect=true";
        }
        transcript = transcripts.forAgent(user.id(), conversation.id());
        decisions = routing.decisions(user.id(), conversation.id());
        rating = ratings.forAgent(user.id(), conversation.id());
        mails = mail.ofConversation(conversation.id());
        members = inboxes.members(conversation.inboxId());
        names = agents.all().stream().collect(Collectors.toMap(AgentView::id, AgentView::displayName));
        return null;
    }

    public String assign() {
        if (agentId == null) {
            Feedback.error("actions:agent", "Choose the agent.");
            return null;
        }
        try {
            if (conversation.assigneeId() == null && conversation.status().isOpen()) {
                var assignment = routing.assign(user.id(), conversation.id(), agentId, overCapacity);
                Feedback.afterRedirect("Assigned to " + nameOf(agentId) + ".");
                if (assignment.warning() != null) {
                    Feedback.warningAfterRedirect(assignment.warning());
                }
            } else {
                var transfer = transfers.toAgent(user.id(), conversation.id(), agentId);
                Feedback.afterRedirect(transfer.offerId() == null
                        ? "Handed to " + nameOf(agentId) + ". The conversation stays closed."
                        : "Offered to " + nameOf(agentId) + ": it is theirs once they accept.");
            }
            return self();
        } catch (RequestRejectedException refused) {
            full = "agent.full".equals(refused.code());
            Feedback.rejected(refused, Map.of("agent.full", "actions:overCapacity", "inbox.not-member",
                    "actions:agent", "transfer", "actions:agent", "agent", "actions:agent"));
            return null;
        }
    }

    /**
     * Archives the conversation; while its visitor is online (as it stands now, not when the page loaded), only
     * once the admin has been told so and confirms: the visitor's chat ends in front of them.
     */
    public String archive() {
        try {
            conversation = directory.find(user.id(), conversation.id());
            if (conversation.visitorOnline() && !confirmingArchive) {
                confirmingArchive = true;
                return null;
            }
            return archiveNow();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    /** The admin read that the visitor is online and archives anyway. */
    public String archiveAnyway() {
        try {
            return archiveNow();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public String keepConversation() {
        confirmingArchive = false;
        return null;
    }

    private String archiveNow() {
        lifecycle.archiveInAdminConsole(conversation.id(), user.id());
        Feedback.afterRedirect(conversation.visitorOnline()
                ? "Archived. The visitor was told that the chat was archived." : "Archived.");
        return self();
    }

    private String self() {
        return "/admin/conversations/view?faces-redirect=true&id=" + conversation.id();
    }

    /**
     * Who closed and who archived it, and when: "Closed by Anna · 2026-12-06 12:03 · Archived by Sue (admin
     * console) · …"; empty while it is open.
     */
    public String getEnded() {
        var parts = new ArrayList<String>();
        if (conversation.closed() != null) {
            parts.add(ended("Closed", conversation.closed()));
        }
        if (conversation.archived() != null) {
            parts.add(ended("Archived", conversation.archived()));
        }
        return String.join(" · ", parts);
    }

    private String ended(String what, ConversationSummary.Ended ended) {
        return (ended.by() == null ? what : what + " by " + ended.by().label()) + " · " + moment(ended.at());
    }

    /** Who wrote an entry, as a person reads it. */
    public String authorOf(TranscriptEntry entry) {
        return switch (entry.author()) {
            case "VISITOR" -> conversation.visitorLabel();
            case "AGENT" -> nameOf(entry.agentId());
            case "NOTE" -> "Private note by " + nameOf(entry.agentId());
            case "INTERNAL" -> "Among agents";
            default -> "Switchboard";
        };
    }

    /** A routing step in plain words: what happened, to whom, and why. */
    public String describe(RoutingDecisionView decision) {
        return RoutingSteps.inWords(decision, this::nameOf);
    }

    public String nameOf(Long agent) {
        return agent == null ? "–" : names.getOrDefault(agent, "agent " + agent);
    }

    public String moment(Instant instant) {
        return Durations.moment(instant);
    }

    public boolean isNote(TranscriptEntry entry) {
        return "NOTE".equals(entry.author()) || "INTERNAL".equals(entry.author());
    }

    public boolean isArchivable() {
        return conversation.status() != ConversationStatus.ARCHIVED;
    }

    /** Open ones are assigned or handed on; a closed one is handed on as it is (it stays closed). */
    public boolean isAssignable() {
        return conversation.status() != ConversationStatus.ARCHIVED;
    }

    /** What the button does: assign a waiting conversation, hand on a held or closed one. */
    public boolean isHandOn() {
        return conversation.assigneeId() != null || !conversation.status().isOpen();
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    /** The visitor's satisfaction rating (not rated: {@code rated()} is false). */
    public RatingView getRating() {
        return rating;
    }

    /** The e-mail this conversation sent the visitor (answers to a message left offline), with what became of it. */
    public List<MailView> getMails() {
        return mails;
    }

    public ConversationSummary getConversation() {
        return conversation;
    }

    public List<TranscriptEntry> getTranscript() {
        return transcript;
    }

    public List<RoutingDecisionView> getDecisions() {
        return decisions;
    }

    public List<Member> getMembers() {
        return members;
    }

    public Long getAgentId() {
        return agentId;
    }

    public void setAgentId(Long agentId) {
        this.agentId = agentId;
    }

    public boolean isOverCapacity() {
        return overCapacity;
    }

    public void setOverCapacity(boolean overCapacity) {
        this.overCapacity = overCapacity;
    }

    public boolean isFull() {
        return full;
    }

    /** Archive was asked for while the visitor is online: the page asks the admin to confirm. */
    public boolean isConfirmingArchive() {
        return confirmingArchive;
    }
}
