package com.switchboard.api;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.input.RequestRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A broken rule becomes a 4xx response (503 for what the node cannot take now) with its code and a message. */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejectedException> {

    @Override
    public Response toResponse(RequestRejectedException e) {
        var status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case CONFLICT -> Response.Status.CONFLICT;
            case TOO_MANY -> Response.Status.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
        var body = JSON.createObjectBuilder().add("code", e.code()).add("message", e.getMessage());
        var response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE);
        if (e.retryAfter() != null) {
            body.add("retryAfterSeconds", e.retryAfter().toSeconds());
            response.header("Retry-After", e.retryAfter().toSeconds());
        }
        return response.entity(body.build().toString()).build();
    }
}
