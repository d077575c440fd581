package com.switchboard.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResetLinksTest {

    private static ResetLinks links(String setting) {
        var links = new ResetLinks();
        links.publicUrl = Optional.ofNullable(setting);
        links.read();
        return links;
    }

    @Test
    void theLinkLeadsToTheConfiguredAddressWithTheTokenInTheFragment() {
        assertEquals("https://chat.example.com/switchboard/reset-password.html#token=abc",
                links("https://chat.example.com/switchboard/").to("abc"));
        assertEquals("http://127.0.0.1:8080/reset-password.html#token=abc", links(" http://127.0.0.1:8080 ").to("abc"));
    }

    @Test
    void withoutAnHttpAddressNoLinkCanBeMade() {
        for (var setting : new String[] {null, "", "  ", "chat.example.com", "ftp://chat.example.com",
                "https://chat.example.com/?next=x", "https://user@chat.example.com", "javascript:alert(1)"}) {
            assertFalse(links(setting).known(), String.valueOf(setting));
        }
        assertNull(ResetLinks.base("https://"));
        assertTrue(links("https://chat.example.com").known());
    }
}
