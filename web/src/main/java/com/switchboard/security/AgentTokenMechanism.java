package com.switchboard.security;

import static com.switchboard.input.Jsonp.JSON;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.entity.Agent;
import com.switchboard.api.ApiFailures;
import com.switchboard.persistence.control.DatabaseUnavailable;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Jakarta Security for the HTTP API ({@link SwitchboardAuthentication} hands it every {@code /api/} request):
 * {@code Authorization: Bearer <token>}, the token the sign-in returned (the one the agent socket uses). The
 * caller principal is the agent's id, their groups are their roles. Which paths need a caller is web.xml's
 * business; a wrong or expired token is refused wherever it is sent, so a client never mistakes it for an
 * anonymous call.
 */
@ApplicationScoped
public class AgentTokenMechanism {

    private static final String BEARER = "Bearer ";

    @EJB
    AgentAuthentication authentication;

    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        var header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return context.isProtected()
                    ? refuse(context, "auth.required", "Sign in first: send Authorization: Bearer <token>.")
                    : context.doNothing();
        }
        Optional<Agent> agent;
        try {
            agent = authentication.verify(header.substring(BEARER.length()).trim());
            ApiFailures.REQUESTS.succeeded();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            // Answered and logged as the API answers and logs it (FailureMapper), not with the runtime's error page.
            ApiFailures.REQUESTS.failed(e, () -> "A token could not be checked");
            context.getResponse().setHeader("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
            return fail(context, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseUnavailable.CODE,
                    DatabaseUnavailable.MESSAGE);
        }
        return agent.map(signedIn -> context.notifyContainerAboutLogin(
                        new CallerPrincipal(String.valueOf(signedIn.getId())),
                        signedIn.getRoles().stream().map(Enum::name).collect(Collectors.toSet())))
                .orElseGet(() -> refuse(context, "auth.invalid-token",
                        "This token is invalid or expired: sign in again."));
    }

    private static AuthenticationStatus refuse(HttpMessageContext context, String code, String message) {
        context.getResponse().setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        return fail(context, HttpServletResponse.SC_UNAUTHORIZED, code, message);
    }

    private static AuthenticationStatus fail(HttpMessageContext context, int status, String code, String message) {
        var response = context.getResponse();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write(JSON.createObjectBuilder().add("code", code).add("message", message).build()
                    .toString());
        } catch (IOException e) {
            // The status alone still tells the client what happened.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
