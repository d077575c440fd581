package com.switchboard.monitoring;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Duration;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Puts one {@link LogFloodGuard} in front of each of the runtime's log handlers while the application runs, and
 * the handlers' own filters back when it stops (a server keeps its handlers across redeployments). The same
 * filter keeps out the one record of the runtime that holds a secret: Faces logs a console session's token of
 * protected pages, as SEVERE, whenever such a page is opened without it (the console answers "page expired").
 */
@Singleton
@Startup
public class LogFloodGuardInstaller {

    private static final Duration PERIOD = Duration.ofSeconds(60);
    private static final String FACES_LIFECYCLE = "jakarta.enterprise.resource.webcontainer.faces.lifecycle";

    /** The handler's own filter first, then the guard. */
    private record Guarded(LogFloodGuard guard, Filter previous) implements Filter {
        @Override
        public boolean isLoggable(LogRecord record) {
            return (previous == null || previous.isLoggable(record)) && !holdsASecret(record)
                    && guard.admits(record);
        }
    }

    static boolean holdsASecret(LogRecord record) {
        return FACES_LIFECYCLE.equals(record.getLoggerName()) && record.getMessage() != null
                && record.getMessage().startsWith("correctSecretKeyValue");
    }

    @PostConstruct
    void install() {
        var guard = new LogFloodGuard(PERIOD, System::nanoTime);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(new Guarded(guard, handler.getFilter()));
        }
    }

    @PreDestroy
    void uninstall() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getFilter() instanceof Guarded guarded) {
                handler.setFilter(guarded.previous());
            }
        }
    }
}
