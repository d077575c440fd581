package com.switchboard.admin.dashboard;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.conversation.boundary.OverdueConversation;
import com.switchboard.conversation.boundary.OverdueReplies;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.Member;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.LiveQueues.AgentLoad;
import com.switchboard.routing.boundary.LiveQueues.InboxQueue;
import com.switchboard.routing.boundary.LiveQueues.WaitingConversation;
import com.switchboard.routing.boundary.LiveQueues;
import com.switchboard.routing.boundary.RoutingService;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/dashboard[?inbox=]: the queues (with how many of their conversations are past the reply deadline) and
 * agents, refreshed by the page every few seconds (an ajax call of {@link #refresh}), the longest waiting
 * conversations and the overdue ones (of one inbox when the address names it), and assigning a waiting conversation
 * by hand, over an agent's capacity only when confirmed.
 */
@Named
@ViewScoped
public class LiveDashboard implements Serializable {

    static final int WAITING_SHOWN = 50;
    static final int OVERDUE_SHOWN = 50;
    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @EJB
    LiveQueues queues;

    @EJB
    InboxService inboxes;

    @EJB
    RoutingService routing;

    @EJB
    OverdueReplies overdueReplies;

    @Inject
    ConsoleUser user;

    private List<InboxQueue> inboxQueues;
    private List<AgentLoad> agents;
    private List<WaitingConversation> waiting;
    /** Conversations past their reply deadline, by inbox id. */
    private Map<Long, Long> overdue = Map.of();
    /** The longest overdue ones (of the inbox the address names, or all). */
    private List<OverdueConversation> overdueList = List.of();
    private Instant readAt;
    /** Only this inbox's waiting conversations (from the address), or everyone's when null. */
    private Long inbox;

    private WaitingConversation chosen;
    private List<Member> members = List.of();
    private Long agentId;
    private boolean overCapacity;
    private boolean full;

    /** The view action of the GET and the page's poll. */
    public void refresh() {
        inboxQueues = queues.inboxes();
        agents = queues.agents();
        waiting = queues.waiting(WAITING_SHOWN, inbox);
        overdue = overdueReplies.countByInbox();
        overdueList = overdueReplies.list(OVERDUE_SHOWN, inbox);
        readAt = Instant.now();
    }

    /** Opens the assignment form for one waiting conversation. */
    public void choose(long conversationId) {
        chosen = waiting.stream().filter(c -> c.conversationId() == conversationId).findFirst().orElse(null);
        if (chosen == null) {
            Feedback.warning("Conversation " + conversationId + " is no longer waiting.");
            return;
        }
        members = inboxes.members(chosen.inboxId());
        agentId = null;
        overCapacity = false;
        full = false;
    }

    public void cancel() {
        chosen = null;
    }

    public String assign() {
        if (agentId == null) {
            Feedback.error("assignment:agent", "Choose the agent who gets this conversation.");
            return null;
        }
        try {
            var assignment = routing.assign(user.id(), chosen.conversationId(), agentId, overCapacity);
            var name = members.stream().filter(m -> m.agentId() == agentId).map(Member::displayName).findFirst()
                    .orElse("the agent");
            Feedback.afterRedirect("Conversation " + chosen.conversationId() + " is now with " + name + ".");
            if (assignment.warning() != null) {
                Feedback.warningAfterRedirect(assignment.warning());
            }
            return "/admin/dashboard/index?faces-redirect=true&includeViewParams=true";
        } catch (RequestRejectedException refused) {
            full = "agent.full".equals(refused.code());
            Feedback.rejected(refused, Map.of("agent.full", "assignment:overCapacity", "inbox.not-member",
                    "assignment:agent"));
            if (!full) {
                refresh();
            }
            return null;
        }
    }

    /** How many of the inbox's conversations are past their reply deadline. */
    public long overdueIn(InboxQueue queue) {
        return overdue.getOrDefault(queue.inboxId(), 0L);
    }

    public String waitedFor(Instant since) {
        return Durations.since(since, readAt);
    }

    /** "3 / 5" with the agent's limit, or "3" when they have no inbox. */
    public String loadOf(AgentLoad agent) {
        return agent.limit() == 0 ? String.valueOf(agent.load()) : agent.load() + " / " + agent.limit();
    }

    public String memberLabel(Member member) {
        var load = agents.stream().filter(a -> a.agentId() == member.agentId()).findFirst()
                .map(a -> ", " + a.held() + " held").orElse("");
        return member.displayName() + " (" + member.presence().name().toLowerCase() + load + ", capacity "
                + member.capacity() + ")";
    }

    public List<InboxQueue> getInboxQueues() {
        return inboxQueues;
    }

    public List<AgentLoad> getAgents() {
        return agents;
    }

    public List<WaitingConversation> getWaiting() {
        return waiting;
    }

    public List<OverdueConversation> getOverdueList() {
        return overdueList;
    }

    public String getReadAt() {
        return READ_AT.format(readAt);
    }

    public String getInboxName() {
        return inboxQueues.stream().filter(q -> inbox != null && q.inboxId() == inbox).map(InboxQueue::name)
                .findFirst().orElse(null);
    }

    public Long getInbox() {
        return inbox;
    }

    public void setInbox(Long inbox) {
        this.inbox = inbox;
    }

    public WaitingConversation getChosen() {
        return chosen;
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
}
