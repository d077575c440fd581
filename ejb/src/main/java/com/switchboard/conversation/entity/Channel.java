package com.switchboard.conversation.entity;

/** Where a conversation started: the website widget, or a legacy system posting through JMS. */
public enum Channel {
    WIDGET, JMS
}
