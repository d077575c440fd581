package com.switchboard.visitor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitorContextTest {

    @Test
    void theConnectionAndPageAreKeptInCanonicalForm() {
        var context = new VisitorContext("2001:DB8::0001", " Mozilla/5.0 ", "https://shop.example/cart?x=1",
                " Cart\t- Shop ");
        assertEquals("2001:db8::1", context.ipAddress());
        assertEquals("Mozilla/5.0", context.userAgent());
        assertEquals("https://shop.example/cart?x=1", context.pageUrl());
        assertEquals("Cart - Shop", context.pageTitle());
        assertNull(VisitorContext.connection("not-an-ip", null).ipAddress());
    }

    @Test
    void overlongBrowserStringsAndTitlesAreCutNeverSplittingACharacter() {
        var title = "t".repeat(VisitorContext.MAX_PAGE_TITLE - 1) + "😀";
        var context = new VisitorContext(null, "u".repeat(900), "http://a.example/", title);
        assertEquals(VisitorContext.MAX_USER_AGENT, context.userAgent().length());
        assertEquals(VisitorContext.MAX_PAGE_TITLE - 1, context.pageTitle().length());
    }

    @Test
    void aPageThatIsNotAWebAddressIsRefused() {
        for (var bad : List.of("javascript:alert(1)", "ftp://x.example/", "/relative", "http://",
                "https://x.example/" + "a".repeat(2048), "http://bad host/")) {
            assertEquals("visitor.page-url", assertThrows(RequestRejectedException.class,
                    () -> new VisitorContext(null, null, bad, null)).code(), bad);
        }
    }
}
