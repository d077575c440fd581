package com.switchboard.conversation.entity;

/** Who receives a message, and so whose receipts move its delivery status: agents' messages go to the visitor. */
public enum Recipient {
    VISITOR(AuthorType.AGENT), AGENTS(AuthorType.VISITOR);

    private final AuthorType receives;

    Recipient(AuthorType receives) {
        this.receives = receives;
    }

    /** The author type of the messages this side receives. */
    public AuthorType receives() {
        return receives;
    }
}
