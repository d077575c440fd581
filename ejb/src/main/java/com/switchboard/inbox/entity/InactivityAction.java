package com.switchboard.inbox.entity;

public enum InactivityAction {
    CLOSE, SEND_MESSAGE, SEND_MESSAGE_AND_CLOSE;

    public boolean sendsMessage() {
        return this != CLOSE;
    }
}
