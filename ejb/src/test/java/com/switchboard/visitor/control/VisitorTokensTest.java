package com.switchboard.visitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VisitorTokensTest {

    private final VisitorTokens tokens = new VisitorTokens(key('k'));

    @Test
    void aTokenItIssuedVerifiesAndFitsTheTokenColumn() {
        var token = tokens.issue();
        assertTrue(tokens.issued(token));
        assertEquals(45, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}"), token);
        assertNotEquals(token, tokens.issue());
    }

    @Test
    void forgedChangedOrForeignTokensDoNotVerify() {
        var token = tokens.issue();
        var flipped = token.substring(0, 44) + (token.charAt(44) == 'A' ? 'B' : 'A');
        assertFalse(tokens.issued(flipped));
        assertFalse(tokens.issued((token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1)));
        assertFalse(new VisitorTokens(key('x')).issued(token), "another installation's key");
        assertFalse(tokens.issued(null));
        assertFalse(tokens.issued(""));
        assertFalse(tokens.issued(token.substring(0, 22)));
        assertFalse(tokens.issued(token + "A"));
        // The random tokens of visitors who already have rows (43 characters) are no signed tokens.
        assertFalse(tokens.issued("a".repeat(43)));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VisitorTokens(new byte[16]));
    }

    private static byte[] key(char c) {
        return String.valueOf(c).repeat(43).getBytes(StandardCharsets.US_ASCII);
    }
}
