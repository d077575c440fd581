package com.switchboard.admin.inboxes;

import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.entity.Capacity;
import com.switchboard.inbox.boundary.InboxService;
import com.switchboard.input.RequestRejectedException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backs admin/inboxes/new: the wizard name → agent management → inactivity → offline and attachments. Each step
 * is checked on the server before the next one shows; nothing is stored before the last step, and then the inbox
 * and its members are created in one transaction.
 */
@Named
@ViewScoped
public class CreateInbox implements Serializable {

    static final List<String> STEPS = List.of("Name", "Agents", "Inactivity", "Offline and attachments");

    @EJB
    InboxService inboxes;

    @EJB
    AgentService agents;

    private final InboxForm form = new InboxForm();
    private List<MemberChoice> members;
    private int step = 1;

    @PostConstruct
    void load() {
        members = agents.all().stream().filter(a -> a.active())
                .map(a -> new MemberChoice(a.id(), a.displayName(), a.email())).toList();
    }

    public void next() {
        if (stepIsValid()) {
            step++;
        }
    }

    public void back() {
        step = Math.max(1, step - 1);
    }

    public String finish() {
        if (!stepIsValid()) {
            return null;
        }
        try {
            var inbox = inboxes.create(form.settings(), capacities());
            Feedback.afterRedirect("Inbox " + inbox.settings().name() + " created. Copy its widget snippet below.");
            return "/admin/inboxes/edit?faces-redirect=true&id=" + inbox.id();
        } catch (RequestRejectedException refused) {
            step = refused.code().startsWith("inbox.name") ? 1 : refused.code().startsWith("inbox.member") ? 2 : step;
            Feedback.rejected(refused, InboxForm.FIELDS);
            return null;
        }
    }

    private boolean stepIsValid() {
        try {
            form.settings();
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, InboxForm.FIELDS);
            return false;
        }
        if (step == 1 && inboxes.findByName(form.settings().name()).isPresent()) {
            Feedback.error("inbox:name", "There is already an inbox named '" + form.settings().name() + "'.");
            return false;
        }
        if (step == 2) {
            boolean valid = true;
            for (int row = 0; row < members.size(); row++) {
                var member = members.get(row);
                if (member.isChosen() && (member.getCapacity() == null || member.getCapacity() < Capacity.MIN
                        || member.getCapacity() > Capacity.MAX)) {
                    Feedback.error("inbox:members:" + row + ":capacity", "A capacity is between " + Capacity.MIN
                            + " and " + Capacity.MAX + " conversations.");
                    valid = false;
                }
            }
            return valid;
        }
        return true;
    }

    private Map<Long, Integer> capacities() {
        Map<Long, Integer> capacities = new LinkedHashMap<>();
        members.stream().filter(MemberChoice::isChosen).forEach(m -> capacities.put(m.getAgentId(), m.getCapacity()));
        return capacities;
    }

    public InboxForm getForm() {
        return form;
    }

    public List<MemberChoice> getMembers() {
        return members;
    }

    public int getStep() {
        return step;
    }

    public List<String> getSteps() {
        return STEPS;
    }

    public boolean isLastStep() {
        return step == STEPS.size();
    }
}
