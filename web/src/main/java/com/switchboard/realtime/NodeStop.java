package com.switchboard.realtime;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Whether the application is stopping on this node. The sockets stay open while the containers stop under them:
 * a frame that arrives then fails (the beans and the EJB container are gone) through no fault of its own or of
 * ours. Such a frame is answered {@code server.unavailable}, so the client sends it again, here once the node is back
 * or on another node, and nothing is logged or written for it (not even a visitor's leaving).
 */
@WebListener
public class NodeStop implements ServletContextListener {

    private static volatile boolean underWay;

    public static boolean underWay() {
        return underWay;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        underWay = false;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        underWay = true;
    }
}
