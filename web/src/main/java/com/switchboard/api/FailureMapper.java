package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.persistence.control.DatabaseUnavailable;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Every other failure of the API as JSON with a code, never the runtime's HTML page naming the exception: the
 * runtime's own refusals (404, 405, 406, 415, …) keep their status with {@code request.<reason>}; a request the
 * runtime could not read is a 400; a database out of reach or too slow is a 503 {@code server.unavailable} (try
 * again later); anything else is a 500 {@code server.error}. Both are logged ({@link ApiFailures}: an outage's
 * failures once, not once a request), their details kept from the caller. {@link RequestRejectedMapper} answers the
 * product's own refusals.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            var status = web.getResponse().getStatusInfo();
            if (web.getResponse().hasEntity()) {
                return web.getResponse();
            }
            return json(status.getStatusCode(), "request." + status.getReasonPhrase().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z]+", "-"), status.getReasonPhrase() + ".");
        }
        if (failure instanceof ProcessingException) {
            return json(400, "request.unreadable", "The request could not be read.");
        }
        ApiFailures.REQUESTS.failed(failure, () -> "An API request failed");
        if (DatabaseUnavailable.causes(failure)) {
            var retryAfter = DatabaseUnavailable.RETRY_AFTER.toSeconds();
            return Response.fromResponse(json(503, DatabaseUnavailable.CODE, DatabaseUnavailable.MESSAGE))
                    .header("Retry-After", retryAfter).build();
        }
        return json(500, "server.error", "Something went wrong on our side; the request was not completed.");
    }

    static Response json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.createObjectBuilder().add("code", code).add("message", message).build().toString())
                .build();
    }
}
