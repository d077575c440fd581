package com.switchboard.realtime;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Gives every socket its idle timeout from the start, through the container's default. Setting it on each session
 * after the handshake raced with Tyrus: a session is born with the default (none), whose idle check Tyrus runs at
 * once on another thread, and when that check ran after the new timeout was set it closed the fresh socket
 * "because of the idle timeout" before its welcome. The timers run on an executor of their own ({@link IdleTimers}).
 */
@WebListener
public class SocketContainerDefaults implements ServletContextListener {

    @Inject
    SocketSettings settings;

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor idleTimers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        container.setDefaultMaxSessionIdleTimeout(settings.idleTimeoutMillis());
        idleTimers = IdleTimers.install(container, threads);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (idleTimers != null) {
            idleTimers.shutdownNow();
        }
    }
}
