package com.switchboard.conversation.entity;

public enum ConversationStatus {
    WAITING, OFFERED, ASSIGNED, CLOSED, ARCHIVED;

    /** Whether a new visitor message continues this conversation rather than starting another one. */
    public boolean isOpen() {
        return this == WAITING || this == OFFERED || this == ASSIGNED;
    }
}
