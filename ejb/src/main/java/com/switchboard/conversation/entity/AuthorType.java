package com.switchboard.conversation.entity;

public enum AuthorType {
    VISITOR, AGENT, SYSTEM
}
