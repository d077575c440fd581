package com.switchboard.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginAllowlistTest {

    @Test
    void listedOriginsAreAllowedAndOthersNot() {
        var list = OriginAllowlist.parse(" https://shop.example.com , http://localhost:*");

        assertTrue(list.allows("https://shop.example.com"));
        assertTrue(list.allows("HTTPS://Shop.Example.com/"));
        assertTrue(list.allows("http://localhost:8080"));
        assertTrue(list.allows("http://localhost:41234"));
        assertFalse(list.allows("http://localhost"), "no port is not any port");
        assertFalse(list.allows("http://localhost:80.evil.example"));
        assertFalse(list.allows("https://localhost:8080"), "the scheme is part of the origin");
        assertFalse(list.allows("https://shop.example.com.evil.example"));
        assertFalse(list.allows("http://shop.example.com"));
        assertFalse(list.allows("null"), "sandboxed pages send the origin 'null'");
        assertFalse(list.allowsAny());
    }

    @Test
    void theOriginsListedAreShownAsTheSettingWritesThem() {
        assertEquals(List.of("http://localhost:*", "https://shop.example.com", "http://127.0.0.1:*"),
                OriginAllowlist.parse(" http://localhost:* , HTTPS://Shop.Example.com/,http://127.0.0.1:*").origins(),
                "in the setting's order");
        assertEquals(List.of(), OriginAllowlist.parse("").origins(), "only the server's own");
        assertEquals(List.of(), OriginAllowlist.parse("https://a.example,*").origins(), "any site");
    }

    @Test
    void aClientWithoutOriginIsNotABrowser() {
        assertTrue(OriginAllowlist.parse("https://shop.example.com").allows(null));
    }

    @Test
    void starAllowsAny() {
        assertTrue(OriginAllowlist.parse("https://a.example,*").allowsAny());
        assertTrue(OriginAllowlist.parse("*").allows("https://anywhere.example"));
    }

    @Test
    void withoutASettingOnlyTheServersOwnOriginMay() {
        var own = OriginAllowlist.parse("");
        assertFalse(own.allowsAny());
        assertTrue(own.ownOriginOnly());
        assertTrue(OriginAllowlist.parse(null).ownOriginOnly());
        assertTrue(own.allows("https://chat.example.com", "chat.example.com"));
        assertTrue(own.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(own.allows(null, "chat.example.com"), "not a browser");
        assertFalse(own.allows("https://evil.example", "chat.example.com"));
        assertFalse(own.allows("https://chat.example.com:8443", "chat.example.com"));
        assertFalse(own.allows("https://chat.example.com", null));
        assertFalse(own.allows("https://anywhere.example"), "never without the Host");
    }
}
