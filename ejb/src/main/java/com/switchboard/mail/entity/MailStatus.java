package com.switchboard.mail.entity;

/** PENDING until the server took it (SENT) or it cannot be sent (FAILED: refused for good, or too many attempts). */
public enum MailStatus {
    PENDING, SENT, FAILED
}
