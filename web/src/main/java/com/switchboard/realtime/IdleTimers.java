package com.switchboard.realtime;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.websocket.server.ServerContainer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The executor of the sockets' idle timers. Tyrus re-arms a socket's idle timer on every frame it receives, on its
 * container's scheduled executor, which in Payara is the server's default managed one: that captures the calling
 * thread's context for every task, and the capture looks for thread-context providers with a {@code ServiceLoader}
 * through every jar of the application, before any code of ours sees the frame. The timers need no context of the
 * frame: a plain scheduled executor, whose threads come from the managed thread factory (they carry the
 * application's context from their start, for the idle close that runs the endpoint's {@code @OnClose}), takes its
 * place. Tyrus has no setting for it, so the container's field is replaced before the first socket opens; a Tyrus
 * without that field keeps its own executor.
 */
final class IdleTimers {

    private static final Logger LOG = Logger.getLogger(IdleTimers.class.getName());
    private static final String FIELD = "managedScheduledExecutorService";

    private IdleTimers() {
    }

    /** Returns the executor now in the container's use (to stop with the application), or null if none could be. */
    static ScheduledThreadPoolExecutor install(ServerContainer container, ManagedThreadFactory threads) {
        for (Class<?> type = container.getClass(); type != null; type = type.getSuperclass()) {
            try {
                var field = type.getDeclaredField(FIELD);
                if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
                    break;
                }
                // A frame that arrives while the application stops re-arms nothing: its socket is closing too.
                var timers = new ScheduledThreadPoolExecutor(1, threads, new ThreadPoolExecutor.DiscardPolicy());
                // A timer is cancelled by the next frame far more often than it fires.
                timers.setRemoveOnCancelPolicy(true);
                field.setAccessible(true);
                field.set(container, timers);
                return timers;
            } catch (NoSuchFieldException e) {
                // Declared further up, if at all.
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "The sockets' idle timers stay on the server's managed executor", e);
                return null;
            }
        }
        LOG.info("The sockets' idle timers stay on the server's managed executor: its WebSocket container has no "
                + FIELD);
        return null;
    }
}
