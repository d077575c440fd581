package com.switchboard.admin.conversations;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.conversation.boundary.ConversationDirectory;
import com.switchboard.conversation.boundary.ConversationLifecycle;
import com.switchboard.conversation.boundary.ConversationPage;
import com.switchboard.conversation.boundary.ConversationQuery;
import com.switchboard.conversation.boundary.ConversationSummary;
import com.switchboard.conversation.entity.ConversationStatus;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backs admin/conversations: the search (the filters of the product's lists, in the URL so a search can be
 * bookmarked and shared), and deleting the ticked conversations for everyone after a confirmation, for the roles
 * the installation allows (the boundary decides).
 */
@Named
@ViewScoped
public class ConversationSearch implements Serializable {

    @EJB
    ConversationDirectory directory;

    @EJB
    ConversationLifecycle lifecycle;

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @Inject
    ConsoleUser user;

    private String assignee;
    private Long inbox;
    private String tag;
    private String text;
    private String status;
    private String after;
    private String before;
    private int page;

    private ConversationPage result;
    private List<InboxView> allInboxes;
    private List<AgentView> allAgents;
    /** The ticked boxes of the list, by conversation id. */
    private final Map<Long, Boolean> selected = new HashMap<>();
    private boolean confirming;

    /** The view action of the GET: runs the search the URL describes. */
    public void search() {
        allInboxes = inboxes.all();
        allAgents = agents.all();
        try {
            result = directory.list(user.id(), query().page(page, ConversationQuery.DEFAULT_SIZE));
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            result = empty();
        }
    }

    /** The search the filters describe (its first page): what the list shows and the exports hold. */
    public ConversationQuery query() {
        ConversationStatus statusFilter;
        try {
            statusFilter = status == null || status.isBlank() ? null : ConversationStatus.valueOf(status);
        } catch (IllegalArgumentException wrongStatus) {
            throw RequestRejectedException.invalid("conversations.status", "Choose a status from the list.");
        }
        return new ConversationQuery(ConversationQuery.Assignee.parse(assignee),
                inbox == null ? null : Set.of(inbox), null, tag == null || tag.isBlank() ? null : Set.of(tag),
                statusFilter == null ? null : EnumSet.of(statusFilter), day(after, "after"), day(before, "before"),
                ConversationQuery.Sort.LAST_ACTIVITY, 0, ConversationQuery.DEFAULT_SIZE, text);
    }

    private ConversationPage empty() {
        return new ConversationPage(List.of(), 0, 0, ConversationQuery.DEFAULT_SIZE);
    }

    private static Instant day(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var date = LocalDate.parse(value.strip());
            return (field.equals("before") ? date.plusDays(1) : date).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.invalid("conversations.last-message",
                    "Dates are written like 2026-12-01.");
        }
    }

    private List<Long> ticked() {
        return selected.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public void askToDelete() {
        if (ticked().isEmpty()) {
            Feedback.error(null, "Tick the conversations to delete first.");
            return;
        }
        confirming = true;
    }

    public void cancelDelete() {
        confirming = false;
    }

    public String delete() {
        try {
            int deleted = lifecycle.delete(user.id(), ticked());
            Feedback.afterRedirect(deleted + (deleted == 1 ? " conversation" : " conversations")
                    + " deleted for everyone.");
            return "/admin/conversations/index?faces-redirect=true&includeViewParams=true";
        } catch (RequestRejectedException refused) {
            confirming = false;
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public String tagsOf(ConversationSummary conversation) {
        return String.join(", ", conversation.tags());
    }

    public String moment(Instant instant) {
        return Durations.moment(instant);
    }

    public Map<Long, Boolean> getSelected() {
        return selected;
    }

    public List<ConversationStatus> getStatuses() {
        return Arrays.asList(ConversationStatus.values());
    }

    public boolean isHasPrevious() {
        return page > 0;
    }

    public boolean isHasNext() {
        return (long) (page + 1) * result.size() < result.total();
    }

    public List<ConversationSummary> getItems() {
        return result.items();
    }

    public long getTotal() {
        return result.total();
    }

    public int getTickedCount() {
        return ticked().size();
    }

    public boolean isConfirming() {
        return confirming;
    }

    public List<InboxView> getInboxes() {
        return allInboxes;
    }

    public List<AgentView> getAgents() {
        return allAgents;
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public Long getInbox() {
        return inbox;
    }

    public void setInbox(Long inbox) {
        this.inbox = inbox;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = after;
    }

    public String getBefore() {
        return before;
    }

    public void setBefore(String before) {
        this.before = before;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, page);
    }
}
