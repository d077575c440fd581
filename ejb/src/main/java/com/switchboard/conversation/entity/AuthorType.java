package com.switchboard.conversation.entity;

public enum AuthorType {
    VISITOR, AGENT, SYSTEM,
    /** A private note: agents see it, the visitor never does (not on their socket, not in their transcript). */
    NOTE;

    public boolean isPublic() {
        return this != NOTE;
    }
}
