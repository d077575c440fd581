package com.switchboard.admin.inboxes;

import com.switchboard.inbox.entity.AssignmentMode;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.inbox.entity.InactivityAction;
import com.switchboard.inbox.entity.InactivityPolicy;
import com.switchboard.inbox.entity.InboxSettings;
import com.switchboard.input.RequestRejectedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An inbox's settings as the wizard and the edit page show them (seconds and minutes as numbers, no inactivity as
 * a switched-off toggle). {@link #settings()} makes the boundary's {@link InboxSettings} of them, which checks every
 * rule; {@link #FIELDS} places each refusal next to its field.
 */
public class InboxForm implements Serializable {

    /** The refusals' codes and the ids of the fields they are about (inside the form {@code inbox}). */
    static final Map<String, String> FIELDS = Map.of(
            "inbox.name", "inbox:name",
            "inbox.reassignment-timeout", "inbox:timeout",
            "inbox.inactivity.minutes", "inbox:inactivityMinutes",
            "inbox.inactivity.action", "inbox:inactivityAction",
            "inbox.inactivity.message", "inbox:inactivityMessage",
            "inbox.offline-message", "inbox:offlineMessage",
            "inbox.reply-time-limit", "inbox:replyLimit");

    private String name;
    private AssignmentMode mode = AssignmentMode.AUTO;
    private Integer reassignmentSeconds = (int) InboxSettings.DEFAULT_REASSIGNMENT_TIMEOUT.toSeconds();
    private boolean rerouteWhenAgentLeaves;
    private boolean inactivityOn;
    private Integer inactivityMinutes = 30;
    private InactivityAction inactivityAction = InactivityAction.CLOSE;
    private String inactivityMessage;
    private String offlineMessage;
    private Integer replyLimitMinutes;
    /** An array, so that Faces converts the checked boxes to the enum. */
    private AttachmentType[] attachmentTypes = AttachmentType.values();

    static InboxForm of(InboxSettings settings) {
        var form = new InboxForm();
        form.name = settings.name();
        form.mode = settings.assignmentMode();
        form.reassignmentSeconds = (int) settings.reassignmentTimeout().toSeconds();
        form.rerouteWhenAgentLeaves = settings.rerouteWhenAgentLeaves();
        var inactivity = settings.inactivity();
        form.inactivityOn = inactivity != null;
        if (inactivity != null) {
            form.inactivityMinutes = inactivity.minutes();
            form.inactivityAction = inactivity.action();
            form.inactivityMessage = inactivity.message();
        }
        form.offlineMessage = settings.offlineMessage();
        form.replyLimitMinutes = settings.replyTimeLimit() == null ? null
                : (int) Math.max(1, settings.replyTimeLimit().toMinutes());
        form.attachmentTypes = settings.attachmentTypes().stream().sorted().toArray(AttachmentType[]::new);
        return form;
    }

    /** The settings, checked by the boundary's rules; a broken one is thrown with its code. */
    InboxSettings settings() {
        if (reassignmentSeconds == null) {
            throw RequestRejectedException.invalid("inbox.reassignment-timeout",
                    "Enter the seconds an agent has to accept an offer (5 to 3600).");
        }
        InactivityPolicy inactivity = null;
        if (inactivityOn) {
            if (inactivityMinutes == null) {
                throw RequestRejectedException.invalid("inbox.inactivity.minutes",
                        "Enter after how many minutes of silence (1 to " + InactivityPolicy.MAX_MINUTES + ").");
            }
            inactivity = new InactivityPolicy(inactivityMinutes, inactivityAction, inactivityMessage);
        }
        if (replyLimitMinutes != null && replyLimitMinutes < 1) {
            throw RequestRejectedException.invalid("inbox.reply-time-limit",
                    "The reply time limit is at least one minute, or empty for none.");
        }
        return new InboxSettings(name, mode, Duration.ofSeconds(reassignmentSeconds), inactivity, offlineMessage,
                replyLimitMinutes == null ? null : Duration.ofMinutes(replyLimitMinutes),
                attachmentTypes.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(attachmentTypes)),
                rerouteWhenAgentLeaves);
    }

    public AssignmentMode[] getModes() {
        return AssignmentMode.values();
    }

    public InactivityAction[] getInactivityActions() {
        return InactivityAction.values();
    }

    public AttachmentType[] getAllAttachmentTypes() {
        return AttachmentType.values();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AssignmentMode getMode() {
        return mode;
    }

    public void setMode(AssignmentMode mode) {
        this.mode = mode;
    }

    public Integer getReassignmentSeconds() {
        return reassignmentSeconds;
    }

    public void setReassignmentSeconds(Integer reassignmentSeconds) {
        this.reassignmentSeconds = reassignmentSeconds;
    }

    public boolean isRerouteWhenAgentLeaves() {
        return rerouteWhenAgentLeaves;
    }

    public void setRerouteWhenAgentLeaves(boolean rerouteWhenAgentLeaves) {
        this.rerouteWhenAgentLeaves = rerouteWhenAgentLeaves;
    }

    public boolean isInactivityOn() {
        return inactivityOn;
    }

    public void setInactivityOn(boolean inactivityOn) {
        this.inactivityOn = inactivityOn;
    }

    public Integer getInactivityMinutes() {
        return inactivityMinutes;
    }

    public void setInactivityMinutes(Integer inactivityMinutes) {
        this.inactivityMinutes = inactivityMinutes;
    }

    public InactivityAction getInactivityAction() {
        return inactivityAction;
    }

    public void setInactivityAction(InactivityAction inactivityAction) {
        this.inactivityAction = inactivityAction;
    }

    public String getInactivityMessage() {
        return inactivityMessage;
    }

    public void setInactivityMessage(String inactivityMessage) {
        this.inactivityMessage = inactivityMessage;
    }

    public String getOfflineMessage() {
        return offlineMessage;
    }

    public void setOfflineMessage(String offlineMessage) {
        this.offlineMessage = offlineMessage;
    }

    public Integer getReplyLimitMinutes() {
        return replyLimitMinutes;
    }

    public void setReplyLimitMinutes(Integer replyLimitMinutes) {
        this.replyLimitMinutes = replyLimitMinutes;
    }

    public AttachmentType[] getAttachmentTypes() {
        return attachmentTypes;
    }

    public void setAttachmentTypes(AttachmentType[] attachmentTypes) {
        this.attachmentTypes = attachmentTypes == null ? new AttachmentType[0] : attachmentTypes;
    }
}
