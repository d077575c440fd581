package com.switchboard.input;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * A request broke a rule of the product. Carries a stable machine-readable code (for clients and tests) and a
 * message meant for people; the boundaries turn it into an HTTP status, a WebSocket error frame or a dead letter.
 * Rolls the transaction back: nothing of a rejected request is stored.
 */
@ApplicationException(rollback = true)
public class RequestRejectedException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, TOO_MANY, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    public RequestRejectedException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    private RequestRejectedException(Kind kind, String code, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static RequestRejectedException invalid(String code, String message) {
        return new RequestRejectedException(Kind.INVALID, code, message);
    }

    public static RequestRejectedException notFound(String code, String message) {
        return new RequestRejectedException(Kind.NOT_FOUND, code, message);
    }

    public static RequestRejectedException forbidden(String code, String message) {
        return new RequestRejectedException(Kind.FORBIDDEN, code, message);
    }

    public static RequestRejectedException conflict(String code, String message) {
        return new RequestRejectedException(Kind.CONFLICT, code, message);
    }

    /** Too many attempts: the caller may try again after {@code retryAfter}. */
    public static RequestRejectedException tooMany(String code, String message, Duration retryAfter) {
        return new RequestRejectedException(Kind.TOO_MANY, code, message, retryAfter);
    }

    /** The node cannot take it now (its storage is full): the caller may try again after {@code retryAfter}. */
    public static RequestRejectedException unavailable(String code, String message, Duration retryAfter) {
        return new RequestRejectedException(Kind.UNAVAILABLE, code, message, retryAfter);
    }

    /** When a TOO_MANY or UNAVAILABLE refusal may be tried again; null for the others. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
