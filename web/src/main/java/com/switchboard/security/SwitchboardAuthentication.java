package com.switchboard.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;

/**
 * The application's one authentication mechanism (Jakarta Security 3 takes exactly one): the HTTP API
 * authenticates each call by its bearer token, the Faces console by a form sign-in kept in the HTTP session.
 * Which one decides by the path, so a token never opens the console and a console session never calls the API.
 */
@ApplicationScoped
public class SwitchboardAuthentication implements HttpAuthenticationMechanism {

    @Inject
    AgentTokenMechanism tokens;

    @Inject
    ConsoleSignIn console;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // The container's decoded and normalised path, never the raw URI: "/api/../admin/" is the console.
        var path = request.getServletPath() + Objects.requireNonNullElse(request.getPathInfo(), "");
        return path.startsWith("/api/")
                ? tokens.validateRequest(request, response, context)
                : console.validateRequest(request, path, context);
    }
}
