package com.switchboard.persistence.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink would run a read again, up to three times five seconds apart, when its connection failed: behind a
 * database that stalls, each attempt waits out the bound of switchboard.db.timeout-seconds once more, so one
 * request held its thread for about a minute at a bound of four seconds. A read fails at once instead, and its
 * request with it (server.unavailable): the widget and the console send again, and every write is kept once
 * whatever is sent twice (client ids). The pool opens a new connection for the next request.
 */
public class FailFastQueries implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
    }
}
