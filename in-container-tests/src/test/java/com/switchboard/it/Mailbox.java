package com.switchboard.it;

import static com.switchboard.it.Waits.await;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the suite's SMTP server (GreenMail, started by SuiteResources) received, read over its IMAP side: each
 * recipient's account exists once a mail came to it (user and password are the address).
 */
final class Mailbox {

    private static final int IMAP_PORT = Integer.parseInt(System.getenv().getOrDefault("IT_IMAP_PORT", "0"));

    private Mailbox() {
    }

    /** A received mail; {@code replyTo} lists the Reply-To addresses (the From address when there is none). */
    record ReceivedMail(String from, List<String> replyTo, String subject, String body) {
    }

    /** Waits (up to a minute) until {@code address} has at least {@code atLeast} mails; all of them. */
    static List<ReceivedMail> awaitMail(String address, int atLeast) throws Exception {
        var found = new ArrayList<ReceivedMail>();
        await(atLeast + " mail(s) to " + address, Duration.ofSeconds(60), () -> {
            found.clear();
            found.addAll(mailTo(address));
            return found.size() >= atLeast;
        });
        return found;
    }

    /** The mails {@code address} has now (none when nothing came to it). */
    static List<ReceivedMail> mailTo(String address) throws Exception {
        var session = Session.getInstance(new Properties());
        try (var store = session.getStore("imap")) {
            try {
                store.connect("127.0.0.1", IMAP_PORT, address, address);
            } catch (AuthenticationFailedException noMailYet) {
                return List.of();
            }
            var folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            try {
                var mails = new ArrayList<ReceivedMail>();
                for (var message : folder.getMessages()) {
                    var from = ((InternetAddress) message.getFrom()[0]).getAddress();
                    var replyTo = Arrays.stream(message.getReplyTo())
                            .map(a -> ((InternetAddress) a).getAddress()).toList();
                    mails.add(new ReceivedMail(from, replyTo, message.getSubject(),
                            String.valueOf(message.getContent())));
                }
                return mails;
            } finally {
                folder.close(false);
            }
        }
    }
}
