package com.switchboard.visitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.switchboard.visitor.control.ComeBackTickets.Reading.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComeBackTicketsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final ComeBackTickets tickets = new ComeBackTickets(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aTicketNamesItsVisitorUntilItExpires() {
        var ticket = tickets.issue(42, NOW.plus(ComeBackTickets.VALIDITY));
        var reading = tickets.read(ticket, NOW.plus(Duration.ofDays(29)));
        assertEquals(State.VALID, reading.state());
        assertEquals(42, reading.visitorId());
        assertEquals(State.EXPIRED, tickets.read(ticket, NOW.plus(ComeBackTickets.VALIDITY)).state());
    }

    @Test
    void anAlteredOrForeignTicketIsForgedEvenWhenItWouldHaveExpired() {
        var ticket = tickets.issue(42, NOW.plusSeconds(60));
        var otherVisitor = "43" + ticket.substring(2);
        var longer = ticket.replaceFirst("\\.(\\d+)\\.", ".$1" + "0.");
        var otherKey = new ComeBackTickets("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII))
                .issue(42, NOW.plusSeconds(60));
        for (var forged : new String[] {otherVisitor, longer, otherKey, null, "", "42.1.x", ticket + "A",
                " " + ticket, ticket.replace('.', ','), "0" + ticket}) {
            assertEquals(State.FORGED, tickets.read(forged, NOW).state(), String.valueOf(forged));
            assertEquals(State.FORGED, tickets.read(forged, NOW.plus(Duration.ofDays(400))).state());
        }
    }

    @Test
    void aTicketIsNeverAVisitorTokenAndTheOtherWayRound() {
        var key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        var ticket = tickets.issue(42, NOW.plusSeconds(60));
        assertFalse(new VisitorTokens(key).issued(ticket));
        assertEquals(State.FORGED, tickets.read(new VisitorTokens(key).issue(), NOW).state());
    }
}
