package com.switchboard.input;

import static com.switchboard.input.Jsonp.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeTextTest {

    @Test
    void unpairedSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertEquals("bad \uFFFD char", UnicodeText.wellFormed("bad \ud800 char"));
        assertEquals("\uFFFDx\uFFFD", UnicodeText.wellFormed("\udc00x\ud83d"));
        assertEquals("\uFFFD\uFFFD", UnicodeText.wellFormed("\udc00\ud800"));
        assertEquals("ok \ud83d\ude00 \uFFFD", UnicodeText.wellFormed("ok \ud83d\ude00 \ude00"));
        var clean = "Grüße 👋 你好";
        assertSame(clean, UnicodeText.wellFormed(clean));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udfff", "\ud83d\ud83d\ude00", "x\ude00\ud83d", "\ud800\ud800\ud800"})
    void whatComesOutCanAlwaysBeEncodedAsUtf8(String text) throws CharacterCodingException {
        var encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        assertTrue(encoder.encode(CharBuffer.wrap(UnicodeText.wellFormed(text))).hasRemaining());
        assertThrows(CharacterCodingException.class, () -> encoder.encode(CharBuffer.wrap(text)));
    }

    @Test
    void aTextKeepsItsLineBreaksAndTabsButNoOtherControlCharacter() {
        assertEquals("line one\r\nline\ttwo", UnicodeText.text("line one\r\nline\ttwo", "message"));
        for (var control : new String[]{"\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"}) {
            var refused = assertThrows(RequestRejectedException.class,
                    () -> UnicodeText.text("a" + control + "b", "message"));
            assertEquals(UnicodeText.CONTROL_CHARACTER, refused.code());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\tb", "a\u2028b", "a\u2029b", "a\u0000b"})
    void aLineHasNoBreaks(String text) {
        var refused = assertThrows(RequestRejectedException.class, () -> UnicodeText.line(text, "name"));
        assertEquals(UnicodeText.CONTROL_CHARACTER, refused.code());
    }

    /** Repaired, ids that differ only in their unpaired halves would become one and the same. */
    @ParameterizedTest
    @ValueSource(strings = {"v-\ud800", "\udc00v", "v\u200b", "v\nw"})
    void anIdentifierWithAnUnpairedSurrogateOrAnInvisibleCharacterIsRefused(String id) {
        var refused = assertThrows(RequestRejectedException.class, () -> UnicodeText.identifier(id, "external id"));
        assertEquals(UnicodeText.CONTROL_CHARACTER, refused.code());
    }

    @Test
    void everyStringOfAJsonTreeIsCheckedAndOnlyARepairedTreeIsRebuilt() {
        var clean = read("{\"type\":\"message.send\",\"text\":\"hi 👋\",\"list\":[1,\"x\",{\"k\":\"v\"}]}");
        assertSame(clean, UnicodeText.json(clean));

        var repaired = UnicodeText.json(read(
                "{\"type\":\"message.send\",\"text\":\"bad \\ud800\",\"deep\":[1,{\"k\\udc00\":[\"\\ud83d\"]}]}"));
        assertEquals("message.send", repaired.getString("type"));
        assertEquals("bad \uFFFD", repaired.getString("text"));
        assertEquals("\uFFFD", repaired.getJsonArray("deep").getJsonObject(1)
                .getJsonArray("k\uFFFD").getString(0));
        assertEquals(1, repaired.getJsonArray("deep").getInt(0));

        var refused = assertThrows(RequestRejectedException.class,
                () -> UnicodeText.json(read("{\"a\":[{\"b\":\"x\\u0000y\"}]}")));
        assertEquals(UnicodeText.CONTROL_CHARACTER, refused.code());
        assertThrows(RequestRejectedException.class, () -> UnicodeText.json(read("{\"a\\nb\":1}")));
    }

    private static jakarta.json.JsonObject read(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
