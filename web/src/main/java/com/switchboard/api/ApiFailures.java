package com.switchboard.api;

import com.switchboard.monitoring.RepeatedFailure;
import com.switchboard.persistence.control.DatabaseRoom;
import com.switchboard.persistence.control.DatabaseUnavailable;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the API logs a request it could not complete. While the database is away every request fails the same way:
 * such a failure ({@link DatabaseUnavailable}) is logged with its stack trace once, then counted until a request
 * completes again, as the sockets log theirs ({@link RepeatedFailure}). Any other failure is a fault to look into,
 * logged with its stack trace each time.
 */
public final class ApiFailures {

    /** The API's requests, whether their token check (AgentTokenMechanism) or their resource failed. */
    public static final ApiFailures REQUESTS = new ApiFailures(Logger.getLogger(ApiFailures.class.getName()));

    private final Logger log;
    private final RepeatedFailure unavailable;

    ApiFailures(Logger log) {
        this.log = log;
        this.unavailable = new RepeatedFailure(log, "Answering API requests");
    }

    public void failed(Throwable failure, Supplier<String> message) {
        DatabaseRoom.NODE.failed(failure);
        if (DatabaseUnavailable.causes(failure)) {
            unavailable.failed(failure, message);
        } else {
            log.log(Level.WARNING, failure, message);
        }
    }

    /** A request completed: cheap while nothing fails, so every response may say so. */
    public void succeeded() {
        unavailable.succeeded();
    }
}
