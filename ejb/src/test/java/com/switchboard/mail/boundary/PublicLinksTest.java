package com.switchboard.mail.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicLinksTest {

    private static PublicLinks links(String setting) {
        var links = new PublicLinks();
        links.publicUrl = Optional.ofNullable(setting);
        links.read();
        return links;
    }

    @Test
    void aLinkLeadsToThePageBelowTheConfiguredAddress() {
        assertEquals("https://chat.example.com/switchboard/reset-password.html#token=abc",
                links("https://chat.example.com/switchboard/").to("/reset-password.html#token=abc"));
        assertEquals("http://127.0.0.1:8080/visitor.html?inbox=x#back=abc",
                links(" http://127.0.0.1:8080 ").to("/visitor.html?inbox=x#back=abc"));
    }

    @Test
    void withoutAnHttpAddressNoLinkCanBeMade() {
        for (var setting : new String[] {null, "", "  ", "chat.example.com", "ftp://chat.example.com",
                "https://chat.example.com/?next=x", "https://user@chat.example.com", "javascript:alert(1)"}) {
            assertFalse(links(setting).known(), String.valueOf(setting));
        }
        assertNull(PublicLinks.base("https://"));
        assertTrue(links("https://chat.example.com").known());
    }
}
