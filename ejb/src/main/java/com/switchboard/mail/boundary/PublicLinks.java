package com.switchboard.mail.boundary;

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
 * Links in mails that lead back to Switchboard (a password reset, the way back to a chat):
 * {@code SWITCHBOARD_PUBLIC_URL} (where people reach Switchboard, e.g. {@code https://chat.example.com/switchboard})
 * and a page. Never taken from a request: a forged {@code Host} header would otherwise send a real person a real
 * secret on a link to another site. Callers put secrets in the fragment, which browsers never send to a server.
 */
@ApplicationScoped
public class PublicLinks {

    private static final Logger LOG = Logger.getLogger(PublicLinks.class.getName());

    @Inject
    @ConfigProperty(name = "switchboard.public-url")
    Optional<String> publicUrl;

    private String base;

    @PostConstruct
    void read() {
        base = publicUrl.map(String::strip).filter(url -> !url.isEmpty()).map(PublicLinks::base).orElse(null);
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
        LOG.warning(() -> "SWITCHBOARD_PUBLIC_URL must be the http(s) address people open Switchboard at (e.g. "
                + "https://chat.example.com/switchboard), not '" + url + "': no mail can link to Switchboard (agents "
                + "cannot reset their password by e-mail; answers by e-mail link to the visitor's page instead)");
        return null;
    }

    /** Whether a link can be made (the installation knows its public address). */
    public boolean known() {
        return base != null;
    }

    /** @param page a path below the public address, with its query and fragment, e.g. {@code /visitor.html#x} */
    public String to(String page) {
        if (base == null) {
            throw new IllegalStateException("No SWITCHBOARD_PUBLIC_URL: check known() first");
        }
        return base + page;
    }
}
