package com.switchboard.realtime.visitor;

import com.switchboard.visitor.entity.VisitorContext;
import jakarta.websocket.Session;

/**
 * Whose a widget socket is: the inbox and address it opened with, the visitor's token, and the visitor's id once
 * they have a row; before, where they are (address, browser, page), kept for the row of their first act. Another
 * socket of theirs may join this one to the row its act made, so every access to what changes holds the lock, and
 * a closed socket joins nothing.
 */
final class SocketVisitor {

    private static final String KEY = SocketVisitor.class.getName();

    private final String inbox;
    private final Long inboxId;
    private final String address;
    private String token;
    private Long id;
    private VisitorContext kept;
    private boolean closed;

    SocketVisitor(String inbox, Long inboxId, String address, String token) {
        this.inbox = inbox;
        this.inboxId = inboxId;
        this.address = address;
        this.token = token;
        this.kept = VisitorContext.connection(address, null);
    }

    /** The socket's visitor, or null until its welcome went out. */
    static SocketVisitor of(Session session) {
        return (SocketVisitor) session.getUserProperties().get(KEY);
    }

    void bindTo(Session session) {
        session.getUserProperties().put(KEY, this);
    }

    String inbox() {
        return inbox;
    }

    Long inboxId() {
        return inboxId;
    }

    String address() {
        return address;
    }

    synchronized String token() {
        return token;
    }

    synchronized Long id() {
        return id;
    }

    synchronized boolean attached() {
        return id != null;
    }

    synchronized VisitorContext kept() {
        return kept;
    }

    /** The page the widget reports, kept as a row records it: what the report leaves out stays as it was. */
    synchronized void keep(VisitorContext page) {
        kept = new VisitorContext(kept.ipAddress(), page.userAgent() == null ? kept.userAgent() : page.userAgent(),
                page.pageUrl() == null ? kept.pageUrl() : page.pageUrl(),
                page.pageUrl() == null ? kept.pageTitle() : page.pageTitle());
    }

    /** Joins the visitor's row, unless the socket closed or joined already; returns whether it did. */
    synchronized boolean join(long visitorId) {
        if (closed || id != null) {
            return false;
        }
        id = visitorId;
        return true;
    }

    /** Speaks for this visitor from now on (the handshake found them, or the site identified them). */
    synchronized void become(long visitorId, String visitorToken) {
        id = visitorId;
        token = visitorToken;
    }

    /** Back to waiting apart (the first act was refused, and nothing was stored); returns the id it had. */
    synchronized Long leave() {
        var had = id;
        id = null;
        return closed ? null : had;
    }

    synchronized void close() {
        closed = true;
    }
}
