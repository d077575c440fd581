package com.switchboard.report.boundary;

/** What the status page shows of an inbox. */
public record InboxStatistics(String name, long members, long messages) {
}
