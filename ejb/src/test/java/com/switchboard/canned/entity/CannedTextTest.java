package com.switchboard.canned.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import org.junit.jupiter.api.Test;

class CannedTextTest {

    @Test
    void shortcutsAreTypedWithOrWithoutTheSlashInAnyCase() {
        var text = new CannedText(" Greeting ", " /Hello_World ", " Hello! How can I help? ");

        assertEquals("Greeting", text.title());
        assertEquals("hello_world", text.shortcut());
        assertEquals("Hello! How can I help?", text.text());
    }

    @Test
    void brokenRulesAreNamed() {
        assertEquals("canned.title", code(() -> new CannedText(" ", "hi", "text")));
        assertEquals("canned.title", code(() -> new CannedText("t".repeat(101), "hi", "text")));
        assertEquals("canned.shortcut", code(() -> new CannedText("Hi", "", "text")));
        assertEquals("canned.shortcut", code(() -> new CannedText("Hi", "two words", "text")));
        assertEquals("canned.shortcut", code(() -> new CannedText("Hi", "-dash", "text")));
        assertEquals("canned.shortcut", code(() -> new CannedText("Hi", "s".repeat(51), "text")));
        assertEquals("message.too-long", code(() -> new CannedText("Hi", "hi", "x".repeat(2001))));
        assertEquals("message.empty", code(() -> new CannedText("Hi", "hi", " ")));
    }

    private static String code(org.junit.jupiter.api.function.Executable creation) {
        return assertThrows(RequestRejectedException.class, creation).code();
    }
}
