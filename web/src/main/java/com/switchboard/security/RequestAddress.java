package com.switchboard.security;

import com.switchboard.input.ClientAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;

/** The address an HTTP request comes from, by {@link ClientAddresses}' rule: its peer, or a trusted proxy's hop. */
public final class RequestAddress {

    private RequestAddress() {
    }

    public static String of(ClientAddresses addresses, HttpServletRequest request) {
        return addresses.of(request.getRemoteAddr(),
                String.join(",", Collections.list(request.getHeaders("X-Forwarded-For"))));
    }
}
