package com.switchboard.visitor.control;

import com.switchboard.input.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The way back to a chat from a mail: {@code visitorId.expiry.signature}, the first 128 bits of HMAC-SHA256 over
 * the rest under the installation's visitor-token key, with a label of its own so that no ticket is ever a valid
 * token or the other way round. Whoever holds one gets the visitor's token for {@link #VALIDITY}, as whoever opens
 * the mail is the person the chat's answer was written to; nothing is stored for it.
 */
public class ComeBackTickets {

    /** How long the link in a mail brings its reader back to the chat: answers by e-mail are read days later. */
    public static final Duration VALIDITY = Duration.ofDays(30);

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,17})\\.([1-9][0-9]{0,11})\\.([A-Za-z0-9_-]{22})");
    private static final byte[] LABEL = "switchboard.come-back\n".getBytes(StandardCharsets.US_ASCII);
    private final byte[] key;

    /** What a ticket says: whose it is (when VALID), or that its time is over, or that it is no ticket of ours. */
    public record Reading(State state, long visitorId) {

        public enum State { VALID, EXPIRED, FORGED }

        static final Reading EXPIRED = new Reading(State.EXPIRED, 0);
        static final Reading FORGED = new Reading(State.FORGED, 0);
    }

    public ComeBackTickets(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The visitor-token key needs at least 256 bits");
        }
        this.key = key.clone();
    }

    public String issue(long visitorId, Instant until) {
        var payload = visitorId + "." + until.getEpochSecond();
        return payload + "." + sign(payload);
    }

    public Reading read(String ticket, Instant now) {
        var parts = ticket == null || ticket.length() > 64 ? null : FORM.matcher(ticket);
        if (parts == null || !parts.matches()) {
            return Reading.FORGED;
        }
        var payload = parts.group(1) + "." + parts.group(2);
        if (!Signatures.matches(sign(payload), parts.group(3))) {
            return Reading.FORGED;
        }
        // Checked after the signature: only a ticket of ours is told that it expired.
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(parts.group(2))))) {
            return Reading.EXPIRED;
        }
        return new Reading(Reading.State.VALID, Long.parseLong(parts.group(1)));
    }

    private String sign(String payload) {
        var signature = Signatures.hmacSha256(key, LABEL, payload.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(Arrays.copyOf(signature, 16));
    }
}
