package com.switchboard.admin.blocks;

import com.switchboard.admin.ConsoleUser;
import com.switchboard.admin.Durations;
import com.switchboard.admin.Feedback;
import com.switchboard.agent.boundary.AgentService;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.visitor.boundary.BlockView;
import com.switchboard.visitor.boundary.VisitorBlocks;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backs admin/blocks: the blocks in force (what, why, since and until when, by whom), a new block of an address,
 * a network (CIDR) or a visitor, and lifting one.
 */
@Named
@ViewScoped
public class VisitorBlockList implements Serializable {

    public enum Target { NETWORK, VISITOR }

    static final Map<String, String> FIELDS = Map.of("block.network", "block:target", "block.reason", "block:reason",
            "visitor", "block:target", "block.period", "block:minutes");

    @EJB
    VisitorBlocks blocks;

    @EJB
    AgentService agents;

    @Inject
    ConsoleUser user;

    private List<BlockView> inForce;
    private Map<Long, String> names;
    private Target kind = Target.NETWORK;
    private String target;
    private String reason;
    private Integer minutes;

    @PostConstruct
    void load() {
        inForce = blocks.inForce();
        names = agents.all().stream().collect(Collectors.toMap(AgentView::id, AgentView::displayName));
    }

    public String block() {
        try {
            Duration period = minutes == null ? null : Duration.ofMinutes(minutes);
            if (minutes != null && minutes < 1) {
                throw RequestRejectedException.invalid("block.period", "A block lasts at least a minute, or for good.");
            }
            var block = kind == Target.NETWORK
                    ? blocks.blockNetwork(user.id(), target, reason, period)
                    : blocks.blockVisitor(user.id(), visitorId(), reason, period);
            Feedback.afterRedirect("Blocked " + what(block) + (block.expiresAt() == null ? " for good."
                    : " until " + Durations.moment(block.expiresAt()) + "."));
            return "/admin/blocks/index?faces-redirect=true";
        } catch (RequestRejectedException refused) {
            Feedback.rejected(refused, FIELDS);
            return null;
        }
    }

    public String lift(long blockId) {
        try {
            var block = blocks.lift(user.id(), blockId);
            Feedback.afterRedirect("Lifted the block of " + what(block) + ".");
        } catch (RequestRejectedException refused) {
            Feedback.warningAfterRedirect(refused.getMessage());
        }
        return "/admin/blocks/index?faces-redirect=true";
    }

    private long visitorId() {
        try {
            return Long.parseLong(target == null ? "" : target.strip());
        } catch (NumberFormatException e) {
            throw RequestRejectedException.invalid("visitor.id", "A visitor is blocked by their number, e.g. 42.");
        }
    }

    public String what(BlockView block) {
        return block.visitorId() != null ? "visitor " + block.visitorId() : block.network();
    }

    public String nameOf(long agentId) {
        return names.getOrDefault(agentId, "agent " + agentId);
    }

    public String moment(Instant instant) {
        return Durations.moment(instant);
    }

    public Target[] getKinds() {
        return Target.values();
    }

    public List<BlockView> getInForce() {
        return inForce;
    }

    public Target getKind() {
        return kind;
    }

    public void setKind(Target kind) {
        this.kind = kind;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getMinutes() {
        return minutes;
    }

    public void setMinutes(Integer minutes) {
        this.minutes = minutes;
    }
}
