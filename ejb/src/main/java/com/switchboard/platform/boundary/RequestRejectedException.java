package com.switchboard.platform.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A request broke a rule of the product. Carries a stable machine-readable code (for clients and tests) and a
 * message meant for people; the boundaries turn it into an HTTP status, a WebSocket error frame or a dead letter.
 * Rolls the transaction back: nothing of a rejected request is stored.
 */
@ApplicationException(rollback = true)
public class RequestRejectedException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT }

    private final Kind kind;
    private final String code;

    public RequestRejectedException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
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

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
