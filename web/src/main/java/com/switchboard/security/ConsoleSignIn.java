package com.switchboard.security;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.AgentView;
import com.switchboard.agent.entity.Role;
import com.switchboard.input.ClientAddresses;
import com.switchboard.input.RequestRejectedException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The admin console's form sign-in. The sign-in page hands the credentials over with
 * {@code SecurityContext.authenticate}; a success keeps only the agent's id in a new HTTP session (the old id is
 * changed, against session fixation), and every later request reads the agent again, so a deactivated account or
 * a withdrawn role counts at once. Anonymous callers of a protected page go to the sign-in page and come back;
 * agents without an admin or supervisor role go to the agent console instead of a bare 403.
 */
@ApplicationScoped
public class ConsoleSignIn {

    public static final String SIGN_IN_PAGE = "/admin/signin.xhtml";
    public static final String AGENT_CONSOLE = "/agent.html";
    static final String SESSION_AGENT = "switchboard.console.agent";
    /** When the session signed in (epoch milliseconds): revoking the agent's tokens ends it too. */
    static final String SESSION_SIGNED_IN_AT = "switchboard.console.signed-in-at";
    /** The request attribute that tells the sign-in page why a sign-in was refused. */
    public static final String REFUSAL = "switchboard.console.sign-in-refusal";
    private static final EnumSet<Role> CONSOLE_ROLES = EnumSet.of(Role.ADMIN, Role.SUPERVISOR);

    @EJB
    AgentAuthentication authentication;

    @Inject
    ClientAddresses clientAddresses;

    AuthenticationStatus validateRequest(HttpServletRequest request, String path, HttpMessageContext context) {
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential credential) {
            return signIn(request, credential, context);
        }
        var session = request.getSession(false);
        var agentId = session == null ? null : (Long) session.getAttribute(SESSION_AGENT);
        var signedInAt = session == null ? null : (Long) session.getAttribute(SESSION_SIGNED_IN_AT);
        var agent = agentId == null || signedInAt == null ? null
                : authentication.active(agentId, Instant.ofEpochMilli(signedInAt)).orElse(null);
        if (agent == null) {
            if (agentId != null) {
                session.invalidate();
            }
            return context.isProtected() ? toSignIn(request, path, context) : context.doNothing();
        }
        if (path.startsWith("/admin/") && !mayUseConsole(agent)) {
            return redirect(request, context, AGENT_CONSOLE);
        }
        return loggedIn(agent, context);
    }

    /** Whether the agent may see the admin console at all (admins and supervisors). */
    public static boolean mayUseConsole(AgentView agent) {
        return agent.roles().stream().anyMatch(CONSOLE_ROLES::contains);
    }

    private AuthenticationStatus signIn(HttpServletRequest request, UsernamePasswordCredential credential,
                                        HttpMessageContext context) {
        AgentView agent;
        try {
            agent = authentication.check(credential.getCaller(), credential.getPasswordAsString(),
                    RequestAddress.of(clientAddresses, request));
        } catch (RequestRejectedException refused) {
            request.setAttribute(REFUSAL, refused);
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SESSION_AGENT, agent.id());
        request.getSession().setAttribute(SESSION_SIGNED_IN_AT, Instant.now().toEpochMilli());
        sessionCookie(request, context.getResponse());
        return loggedIn(agent, context);
    }

    /**
     * The signed-in session's cookie, written again with what the container leaves out: it ignores web.xml's
     * SameSite, and it marks the cookie Secure only when the connection itself is https, not behind a proxy that
     * ends TLS and says so in X-Forwarded-Proto (a claim that can only make the cookie stricter).
     */
    private static void sessionCookie(HttpServletRequest request, HttpServletResponse response) {
        var secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        var path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        var name = Objects.requireNonNullElse(request.getServletContext().getSessionCookieConfig().getName(),
                "JSESSIONID");
        response.setHeader("Set-Cookie", name + "="
                + request.getSession().getId() + "; Path=" + path + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    private static AuthenticationStatus loggedIn(AgentView agent, HttpMessageContext context) {
        return context.notifyContainerAboutLogin(new CallerPrincipal(String.valueOf(agent.id())),
                agent.roles().stream().map(Enum::name).collect(Collectors.toSet()));
    }

    private static AuthenticationStatus toSignIn(HttpServletRequest request, String path, HttpMessageContext context) {
        var next = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        return redirect(request, context, SIGN_IN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** A redirect a Faces ajax request understands too (a poll of the live dashboard after the session ended). */
    private static AuthenticationStatus redirect(HttpServletRequest request, HttpMessageContext context, String to) {
        var url = request.getContextPath() + to;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            var response = context.getResponse();
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            try {
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                        + "<redirect url=\"" + url.replace("&", "&amp;").replace("\"", "&quot;")
                        + "\"/></partial-response>");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        // A relative Location: the container's redirect would make it absolute from the request's Host header.
        var response = context.getResponse();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", url);
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
