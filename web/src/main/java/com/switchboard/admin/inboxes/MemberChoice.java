package com.switchboard.admin.inboxes;

import com.switchboard.agent.entity.Capacity;
import java.io.Serializable;

/** One agent in the wizard's member list: taken or not, with the capacity they get in the new inbox. */
public class MemberChoice implements Serializable {

    private final long agentId;
    private final String name;
    private final String email;
    private boolean chosen;
    private Integer capacity = Capacity.DEFAULT;

    MemberChoice(long agentId, String name, String email) {
        this.agentId = agentId;
        this.name = name;
        this.email = email;
    }

    public long getAgentId() {
        return agentId;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public boolean isChosen() {
        return chosen;
    }

    public void setChosen(boolean chosen) {
        this.chosen = chosen;
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }
}
