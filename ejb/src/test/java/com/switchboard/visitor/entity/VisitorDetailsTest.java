package com.switchboard.visitor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorDetailsTest {

    @Test
    void namesAndAddressesAreTidiedAndBlanksAreAbsent() {
        assertEquals("Ada Lovelace", VisitorDetails.name("  Ada   Lovelace "));
        assertEquals("ada@example.com", VisitorDetails.email(" Ada@Example.COM "));
        assertNull(VisitorDetails.name("   "));
        assertNull(VisitorDetails.email(null));
    }

    @Test
    void brokenDetailsAreRefusedByName() {
        for (var bad : List.of("ada", "ada@", "@example.com", "a b@example.com", "ada@-example.com")) {
            assertEquals("visitor.email",
                    assertThrows(RequestRejectedException.class, () -> VisitorDetails.email(bad)).code(), bad);
        }
        assertEquals("visitor.name", assertThrows(RequestRejectedException.class,
                () -> VisitorDetails.name("x".repeat(101))).code());
        assertEquals("visitor.name", assertThrows(RequestRejectedException.class,
                () -> VisitorDetails.name("bell\u0007")).code());
        assertEquals("visitor.identity.id", assertThrows(RequestRejectedException.class,
                () -> new VerifiedIdentity(" ", "Ada", null)).code());
        assertEquals("visitor.identity.id", assertThrows(RequestRejectedException.class,
                () -> new VerifiedIdentity("x".repeat(101), "Ada", null)).code());
    }
}
