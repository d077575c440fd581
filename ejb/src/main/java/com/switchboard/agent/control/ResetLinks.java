package com.switchboard.agent.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The links in password-reset mails: {@code SWITCHBOARD_PUBLIC_URL} (where agents reach Switchboard, e.g.
 * {@code https://chat.example.com/switchboard}) and the reset page, the token in the fragment (which browsers never
 * send to a server, so no log or proxy keeps it). Never taken from a request: a forged {@code Host} header would
 * otherwise send a real agent a real token on a link to another site.
 */
@ApplicationScoped
public class ResetLinks {

    private static final Logger LOG = Logger.getLogger(ResetLinks.class.getName());
    static final String PAGE = "/reset-password.html#token=";

    @Inject
    @ConfigProperty(name = "switchboard.public-url")
    Optional<String> publicUrl;

    private String base;

    @PostConstruct
    void read() {
        base = publicUrl.map(String::strip).filter(url -> !url.isEmpty()).map(ResetLinks::base).orElse(null);
    }

    /** The setting as a base to append paths to, or null (with a warning) when it is no http(s) address. */
    static String base(String url) {
        try {
            var uri = new URI(url);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null) {
                return url.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // said below
        }
        LOG.warning(() -> "SWITCHBOARD_PUBLIC_URL must be the http(s) address agents open Switchboard at (e.g. "
                + "https://chat.example.com/switchboard), not '" + url + "': agents cannot reset their password "
                + "by e-mail");
        return null;
    }

    /** Whether a link can be made (the installation knows its public address). */
    public boolean known() {
        return base != null;
    }

    public String to(String token) {
        if (base == null) {
            throw new IllegalStateException("No SWITCHBOARD_PUBLIC_URL: check known() first");
        }
        return base + PAGE + token;
    }
}
