package com.switchboard.admin.signin;

import com.switchboard.agent.boundary.AgentAuthentication;
import com.switchboard.agent.boundary.PasswordResets;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.security.ConsoleSignIn;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Backs admin/signin.xhtml: hands the credentials to Jakarta Security ({@link ConsoleSignIn}) and then goes where
 * the caller was heading (only a path of this application: never an address another site put in the link).
 * Agents without a console role go to the agent console.
 */
@Named
@RequestScoped
public class SignInBacking {

    static final String HOME = "/admin/dashboard/index.xhtml";

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    @EJB
    AgentAuthentication authentication;

    @EJB
    PasswordResets passwordResets;

    private String email;
    private String password;
    private String next;

    public void signIn() throws IOException {
        var external = faces.getExternalContext();
        var status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(email == null ? "" : email,
                                password == null ? "" : password)));
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
        } else if (status == AuthenticationStatus.SUCCESS) {
            var agent = authentication.active(Long.parseLong(security.getCallerPrincipal().getName())).orElseThrow();
            redirect(external, ConsoleSignIn.mayUseConsole(agent) ? safeNext() : ConsoleSignIn.AGENT_CONSOLE);
        } else {
            password = null;
            var refusal = (RequestRejectedException) external.getRequestMap().get(ConsoleSignIn.REFUSAL);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal != null
                    ? refusal.getMessage() : "Unknown e-mail address or wrong password.", null));
        }
    }

    private void redirect(ExternalContext external, String path) throws IOException {
        external.redirect(external.getRequestContextPath() + path);
        faces.responseComplete();
    }

    /** The page the caller wanted, when it is a console page of this application. */
    String safeNext() {
        return next != null && next.startsWith("/admin/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith(ConsoleSignIn.SIGN_IN_PAGE) ? next : HOME;
    }

    /** Whether the page offers "Forgot password?": only where the installation can send the mail. */
    public boolean isPasswordResetOffered() {
        return passwordResets.available();
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
