package com.switchboard.conversation.entity;

import com.switchboard.input.RequestRejectedException;
import java.util.regex.Pattern;

/** A client's own id of a message it sends: what makes a resend after a reconnect harmless. */
public final class ClientMessageId {

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private ClientMessageId() {
    }

    /** The id itself, or null for none; anything else than 1–64 of {@code [A-Za-z0-9._:-]} is refused. */
    public static String validate(String clientId) {
        if (clientId == null) {
            return null;
        }
        if (!FORM.matcher(clientId).matches()) {
            throw RequestRejectedException.invalid("message.client-id",
                    "A clientId is 1 to " + MAX_LENGTH + " letters, digits or . _ : - (a UUID will do).");
        }
        return clientId;
    }
}
