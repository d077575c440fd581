package com.switchboard.mail.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP server Switchboard sends through ({@code SWITCHBOARD_SMTP_*}, README). Without a host (or with a from
 * address that is not one) the installation sends no e-mail, and nothing promises any to visitors.
 * {@code security}: STARTTLS (the default: plain connection upgraded, and required), TLS (encrypted from the first
 * byte, port 465 by default) or NONE (a relay on a trusted network only). The password never leaves this class.
 */
@ApplicationScoped
public class SmtpSettings {

    private static final Logger LOG = Logger.getLogger(SmtpSettings.class.getName());
    /** No attempt waits on a silent server for longer than this (connect, each read and write). */
    private static final String TIMEOUT_MS = "15000";

    public enum Security { NONE, STARTTLS, TLS }

    @Inject
    @ConfigProperty(name = "switchboard.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "switchboard.smtp.port")
    Optional<Integer> port;

    @Inject
    @ConfigProperty(name = "switchboard.smtp.security", defaultValue = "STARTTLS")
    String security;

    @Inject
    @ConfigProperty(name = "switchboard.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "switchboard.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "switchboard.smtp.from")
    Optional<String> from;

    /** Where answers to Switchboard's mails go (a mailbox people read); unset: the from address. */
    @Inject
    @ConfigProperty(name = "switchboard.smtp.reply-to")
    Optional<String> replyTo;

    private Session session;
    private InternetAddress fromAddress;
    private InternetAddress replyToAddress;
    private Security mode;
    private int effectivePort;

    @PostConstruct
    void read() {
        if (host.filter(h -> !h.isBlank()).isEmpty()) {
            return;
        }
        try {
            mode = Security.valueOf(security.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "SWITCHBOARD_SMTP_SECURITY is NONE, STARTTLS or TLS, not '" + security
                    + "': no e-mail is sent");
            return;
        }
        try {
            fromAddress = new InternetAddress(from.orElse(""), true);
            fromAddress.validate();
        } catch (AddressException e) {
            LOG.warning(() -> "SWITCHBOARD_SMTP_FROM must be the address e-mail comes from (e.g. "
                    + "support@example.com), not '" + from.orElse("") + "': no e-mail is sent");
            fromAddress = null;
            return;
        }
        replyToAddress = fromAddress;
        var answersTo = replyTo.map(String::strip).filter(r -> !r.isEmpty());
        if (answersTo.isPresent()) {
            try {
                replyToAddress = new InternetAddress(answersTo.get(), true);
                replyToAddress.validate();
            } catch (AddressException e) {
                LOG.warning(() -> "SWITCHBOARD_SMTP_REPLY_TO must be an e-mail address, not '" + answersTo.get()
                        + "': answers go to the from address");
                replyToAddress = fromAddress;
            }
        }
        effectivePort = port.orElse(mode == Security.TLS ? 465 : mode == Security.STARTTLS ? 587 : 25);
        var properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host.get().strip());
        properties.put("mail.smtp.port", String.valueOf(effectivePort));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.put("mail.smtp.timeout", TIMEOUT_MS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MS);
        properties.put("mail.smtp.from", fromAddress.getAddress());
        properties.put("mail.smtp.auth", String.valueOf(user().isPresent()));
        if (mode == Security.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        } else if (mode == Security.TLS) {
            properties.put("mail.smtp.ssl.enable", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        session = Session.getInstance(properties);
        LOG.info(() -> "E-mail goes through " + describe());
    }

    /** Whether the installation sends e-mail at all. */
    public boolean configured() {
        return session != null;
    }

    public Session session() {
        return session;
    }

    public InternetAddress from() {
        return fromAddress;
    }

    /** The Reply-To of every mail: {@code SWITCHBOARD_SMTP_REPLY_TO}, or the from address. */
    public InternetAddress replyTo() {
        return replyToAddress;
    }

    public Optional<String> user() {
        return user.filter(u -> !u.isBlank());
    }

    public String password() {
        return password.orElse("");
    }

    /** For the admins' status page and the log: where mail goes, never the password. */
    public String describe() {
        if (!configured()) {
            return "not configured (no e-mail is sent)";
        }
        return host.get().strip() + ":" + effectivePort + " (" + mode + (user().isPresent() ? ", as " + user().get()
                : "") + "), from " + fromAddress.getAddress() + (replyToAddress.equals(fromAddress) ? ""
                : ", replies to " + replyToAddress.getAddress());
    }
}
