package com.switchboard.admin.inboxes;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.Capacity;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.inbox.boundary.InboxView;
import com.switchboard.inbox.boundary.Member;
import com.switchboard.inbox.boundary.MembershipAdministration;
import com.switchboard.inbox.entity.RatingScale;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.routing.boundary.LiveQueues;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backs admin/inboxes/edit?id=: every setting of the wizard, the members and their capacities, the widget snippet
 * and switching the widget off and on; a rename only once the admin confirmed that embedding sites must follow. Settings go back with the version read, so a concurrent change is a
 * conflict the page reports instead of overwriting it.
 */
@Named
@ViewScoped
public class EditInbox implements Serializable {

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    @EJB
    LiveQueues queues;

    @EJB
    MembershipAdministration memberships;

    @Inject
    ConsoleUser user;

    @Inject
    FacesContext faces;

    private Long id;
    private InboxView inbox;
    private InboxForm form;
    private List<Member> members;
    private Map<Long, Long> held;
    private Map<Long, Integer> capacities;
    private List<AgentView> others;
    private Long newMemberId;
    private Integer newMemberCapacity = Capacity.DEFAULT;
    private String applicationUrl;
    private String renaming;
    private String confirmedName;
    private RatingScale ratingScale;
    private Boolean chatLogByEmail;

    /** The view action of the first GET. */
    public String load() {
        try {
            inbox = inboxes.find(id == null ? -1 : id);
        } catch (RequestRejectedException unknown) {
            Feedback.afterRedirect(id == null ? "There is no such inbox." : "There is no inbox " + id + ".");
            return "/admin/inboxes/index?faces-redirect=true";
        }
        if (inbox.deleted()) {
            Feedback.afterRedirect("Inbox " + inbox.settings().name() + " was deleted.");
            return "/admin/inboxes/index?faces-redirect=true";
        }
        form = InboxForm.of(inbox.settings());
        var request = (HttpServletRequest) faces.getExternalContext().getRequest();
        var port = request.getServerPort();
        applicationUrl = request.getScheme() + "://" + request.getServerName()
                + (port == 80 || port == 443 ? "" : ":" + port) + request.getContextPath();
        loadMembers();
        return null;
    }

    private void loadMembers() {
        members = inboxes.members(inbox.id());
        held = queues.heldIn(inbox.id());
        capacities = new HashMap<>();
        members.forEach(m -> capacities.put(m.agentId(), m.capacity()));
        var memberIds = members.stream().map(Member::agentId).collect(Collectors.toSet());
        others = agents.all().stream().filter(a -> a.active() && !memberIds.contains(a.id())).toList();
    }

    /**
     * Saves the settings. A new name is saved only once the admin confirmed that very name: sites embed the widget
     * by the inbox's name, and every one of them that still names the old one stops working.
     */
    public String save() {
        try {
            var settings = form.settings();
            var renamed = !settings.name().equals(inbox.settings().name());
            if (renamed && !settings.name().equals(confirmedName)) {
                renaming = settings.name();
                return null;
            }
            inboxes.update(inbox.id(), inbox.version(), settings);
            Feedback.afterRedirect(renamed ? "Saved. Sites that embed the widget must now name the inbox "
                    + settings.name() + "." : "Saved.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, InboxForm.FIELDS);
            return null;
        }
    }

    /** The admin read the warning about the sites that embed the old name and renames anyway. */
    public String saveRenamed() {
        confirmedName = renaming;
        return save();
    }

    public String keepName() {
        form.setName(inbox.settings().name());
        renaming = null;
        return null;
    }

    /** The new name the page warns about before saving it (null: no rename pending). */
    public String getRenaming() {
        return renaming;
    }

    public String changeCapacity(long agentId) {
        var capacity = capacities.get(agentId);
        try {
            var member = memberships.changeCapacity(user.id(), inbox.id(), agentId,
                    capacity == null ? 0 : capacity);
            Feedback.afterRedirect("Capacity of " + member.displayName() + " is now " + member.capacity() + ".");
            warnIfBelowLoad(member);
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.error("members:list:" + members.indexOf(member(agentId)) + ":capacity", refused.getMessage());
            return null;
        }
    }

    public String removeMember(long agentId) {
        try {
            memberships.removeMember(user.id(), inbox.id(), agentId);
            Feedback.afterRedirect(member(agentId).displayName() + " is no longer a member; they keep the "
                    + "conversations they hold.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            loadMembers();
            return null;
        }
    }

    public String addMember() {
        if (newMemberId == null) {
            Feedback.error("members:newMember", "Choose the agent to add.");
            return null;
        }
        try {
            var member = memberships.addMember(user.id(), inbox.id(), newMemberId,
                    newMemberCapacity == null ? 0 : newMemberCapacity);
            Feedback.afterRedirect(member.displayName() + " is now a member with a capacity of " + member.capacity()
                    + ".");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of("inbox.member.capacity", "members:newCapacity",
                    "agent", "members:newMember", "inbox.member", "members:newMember"));
            return null;
        }
    }

    /**
     * What the visitor gets once a chat has ended: the rating the widget asks for, and the chat log by e-mail (a
     * form of its own, apart from the routing settings).
     */
    public String saveRatingScale() {
        try {
            inboxes.changeChatLogByEmail(inbox.id(), isChatLogByEmail());
            var changed = inboxes.changeRatingScale(inbox.id(), getRatingScale());
            Feedback.afterRedirect((changed.ratingScale() == RatingScale.NONE
                    ? "Visitors are not asked to rate their chats." : "Visitors are asked to rate their chats ("
                    + (changed.ratingScale() == RatingScale.FIVE ? "1 to 5" : "good or bad") + ").")
                    + (changed.chatLogByEmail() ? " They get the chat log by e-mail." : ""));
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    public RatingScale getRatingScale() {
        return ratingScale == null && inbox != null ? inbox.ratingScale() : ratingScale;
    }

    public void setRatingScale(RatingScale ratingScale) {
        this.ratingScale = ratingScale;
    }

    public boolean isChatLogByEmail() {
        return chatLogByEmail == null ? inbox != null && inbox.chatLogByEmail() : chatLogByEmail;
    }

    public void setChatLogByEmail(boolean chatLogByEmail) {
        this.chatLogByEmail = chatLogByEmail;
    }

    public String toggleWidget() {
        try {
            var changed = inboxes.enableWidget(inbox.id(), !inbox.widgetEnabled());
            Feedback.afterRedirect(changed.widgetEnabled() ? "The widget is on again: visitors can chat."
                    : "The widget is off: visitors cannot start or continue chats until you switch it on.");
            return self();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, Map.of());
            return null;
        }
    }

    private void warnIfBelowLoad(Member member) {
        var holding = held.getOrDefault(member.agentId(), 0L);
        if (holding > member.capacity()) {
            Feedback.warningAfterRedirect(member.displayName() + " holds " + holding + " conversations here, more "
                    + "than the new capacity: they keep them, and get new ones once below it.");
        }
    }

    private Member member(long agentId) {
        return members.stream().filter(m -> m.agentId() == agentId).findFirst().orElseThrow();
    }

    private String self() {
        return "/admin/inboxes/edit?faces-redirect=true&id=" + inbox.id();
    }

    /** The tag customers put on their site's pages. */
    public String getSnippet() {
        return "<script async src=\"" + applicationUrl + "/widget.js\" data-inbox=\"" + inbox.settings().name()
                .replace("&", "&amp;").replace("\"", "&quot;") + "\"></script>";
    }

    public long heldBy(long agentId) {
        return held.getOrDefault(agentId, 0L);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public InboxView getInbox() {
        return inbox;
    }

    public InboxForm getForm() {
        return form;
    }

    public List<Member> getMembers() {
        return members;
    }

    public Map<Long, Integer> getCapacities() {
        return capacities;
    }

    public List<AgentView> getOthers() {
        return others;
    }

    public Long getNewMemberId() {
        return newMemberId;
    }

    public void setNewMemberId(Long newMemberId) {
        this.newMemberId = newMemberId;
    }

    public Integer getNewMemberCapacity() {
        return newMemberCapacity;
    }

    public void setNewMemberCapacity(Integer newMemberCapacity) {
        this.newMemberCapacity = newMemberCapacity;
    }
}
