package com.switchboard.realtime;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * Gives every socket its idle timeout from the start, through the container's default. Setting it on each session
 * after the handshake raced with Tyrus: a session is born with the default (none), whose idle check Tyrus runs at
 * once on another thread, and when that check ran after the new timeout was set it closed the fresh socket
 * "because of the idle timeout" before its welcome.
 */
@WebListener
public class SocketContainerDefaults implements ServletContextListener {

    @Inject
    SocketSettings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        container.setDefaultMaxSessionIdleTimeout(settings.idleTimeoutMillis());
    }
}
