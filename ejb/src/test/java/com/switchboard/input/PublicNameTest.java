package com.switchboard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PublicNameTest {

    @Test
    void blankMeansNoneAndANameIsStripped() {
        assertNull(PublicName.validate(null, "x"));
        assertNull(PublicName.validate("  ", "x"));
        assertEquals("Acme Support", PublicName.validate(" Acme Support ", "x"));
        assertEquals("😀".repeat(60), PublicName.validate("😀".repeat(60), "x"), "counted in characters");
    }

    @Test
    void tooLongOrSeveralLinesIsRefused() {
        assertEquals("inbox.operator-name",
                assertThrows(RequestRejectedException.class, () -> PublicName.validate("a".repeat(61),
                        "inbox.operator-name")).code());
        assertThrows(RequestRejectedException.class, () -> PublicName.validate("Acme\nSupport", "x"));
    }
}
