package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void textIsStoredWithoutSurroundingWhitespace() {
        assertEquals("Hello there", MessageText.validate("  Hello there \n"));
    }

    @Test
    void emptyAndBlankTextsAreRejected() {
        for (var text : new String[] {null, "", "   ", "\n\t"}) {
            var e = assertThrows(RequestRejectedException.class, () -> MessageText.validate(text));
            assertEquals("message.empty", e.code());
            assertEquals(RequestRejectedException.Kind.INVALID, e.kind());
        }
    }

    @Test
    void twoThousandCharactersAreAllowedAndOneMoreIsNot() {
        assertEquals(2000, MessageText.validate("a".repeat(2000)).length());

        var e = assertThrows(RequestRejectedException.class, () -> MessageText.validate("a".repeat(2001)));
        assertEquals("message.too-long", e.code());
        assertEquals("A message may have at most 2000 characters; this one has 2001.", e.getMessage());
    }

    @Test
    void lengthCountsCharactersAsPeopleSeeThem() {
        // 2000 emoji are 4000 UTF-16 units but 2000 characters.
        var emoji = "😀".repeat(2000);
        assertEquals(emoji, MessageText.validate(emoji));
        assertThrows(RequestRejectedException.class, () -> MessageText.validate(emoji + "😀"));
    }

    @Test
    void aCaptionMayBeEmptyButObeysTheRulesOtherwise() {
        assertEquals("", MessageText.caption(null));
        assertEquals("", MessageText.caption("  \n"));
        assertEquals("See the photo", MessageText.caption(" See the photo "));
        assertEquals("message.too-long", assertThrows(RequestRejectedException.class,
                () -> MessageText.caption("a".repeat(2001))).code());
    }
}
