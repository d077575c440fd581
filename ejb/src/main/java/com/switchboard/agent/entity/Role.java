package com.switchboard.agent.entity;

public enum Role {
    ADMIN, SUPERVISOR, AGENT
}
