package com.switchboard.conversation.entity;

public enum AuthorType {
    VISITOR, AGENT, SYSTEM,
    /** A private note: agents see it, the visitor never does (not on their socket, not in their transcript). */
    NOTE,
    /** Something that happened among the agents (a participant invited, removed, leaving): agents only, like notes. */
    INTERNAL;

    public boolean isPublic() {
        return this != NOTE && this != INTERNAL;
    }
}
