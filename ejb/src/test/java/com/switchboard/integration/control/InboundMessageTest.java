package com.switchboard.integration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InboundMessageTest {

    @Test
    void aVisitorMessageNamesTheVisitorTheInboxAndTheText() {
        var message = InboundMessage.parse("""
                {"type":"visitor.message","externalId":"crm-1","inbox":"Sales",
                 "visitor":{"externalId":"cust-7","name":"Ada","email":"ada@example.com"},"text":"Hello"}""");

        assertEquals(InboundType.VISITOR_MESSAGE, message.type());
        assertEquals("crm-1", message.externalId());
        assertEquals("Sales", message.inbox());
        assertEquals(new InboundMessage.SourceVisitor("cust-7", "Ada", "ada@example.com"), message.visitor());
        assertEquals("Hello", message.text());
        assertNull(message.conversationId());
    }

    @Test
    void theVisitorsNameAndEmailAreOptional() {
        var message = InboundMessage.parse("""
                {"type":"visitor.message","externalId":"crm-2","inbox":"Sales","visitor":{"externalId":"c"},
                 "text":"Hi"}""");

        assertEquals(new InboundMessage.SourceVisitor("c", null, null), message.visitor());
    }

    @Test
    void aSystemMessageNamesItsConversationById() {
        var message = InboundMessage.parse("""
                {"type":"system.message","externalId":"ivr-1","conversationId":42,"text":"Call ended"}""");

        assertEquals(InboundType.SYSTEM_MESSAGE, message.type());
        assertEquals(42L, message.conversationId());
        assertEquals("Call ended", message.text());
        assertNull(message.visitor());
    }

    @Test
    void aSystemMessageNamesItsConversationByVisitorAndInbox() {
        var message = InboundMessage.parse("""
                {"type":"system.message","externalId":"ivr-2","inbox":"Sales","visitor":{"externalId":"cust-7"},
                 "text":"Order shipped"}""");

        assertEquals("cust-7", message.visitor().externalId());
        assertEquals("Sales", message.inbox());
        assertNull(message.conversationId());
    }

    @Test
    void aCloseNeedsNoText() {
        var message = InboundMessage.parse("""
                {"type":"conversation.close","externalId":"crm-9","conversationId":7}""");

        assertEquals(InboundType.CONVERSATION_CLOSE, message.type());
        assertEquals(7L, message.conversationId());
        assertNull(message.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"type\":", "[1,2]", "\"text\"", "42",
            "{\"type\":\"conversation.close\"} {\"type\":\"visitor.message\"}"})
    void aBodyThatIsNoJsonObjectIsRefused(String body) {
        assertCode("inbound.not-json", body);
    }

    @Test
    void aBodyNestedBeyondTheParsersLimitIsNoJsonNotAnOutage() {
        var deep = "[".repeat(50_000) + "]".repeat(50_000);
        assertCode("inbound.not-json", "{\"type\":\"visitor.message\",\"externalId\":\"x\",\"deep\":" + deep + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm\\n1", "crm\\u00001", "crm\\u200b1", "crm\\u202e1"})
    void anExternalIdHasNoControlOrFormatCharacters(String id) {
        assertCode("text.control-character", "{\"type\":\"conversation.close\",\"externalId\":\"" + id
                + "\",\"conversationId\":1}");
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertCode("inbound.type-unknown", """
                {"type":"order.created","externalId":"x","conversationId":1}""");
    }

    @Test
    void aMissingTypeIsRefused() {
        assertCode("inbound.type-missing", """
                {"externalId":"x","conversationId":1}""");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"conversation.close\",\"conversationId\":1}",
            "{\"type\":\"conversation.close\",\"externalId\":\"\",\"conversationId\":1}",
            "{\"type\":\"conversation.close\",\"externalId\":\"  \",\"conversationId\":1}",
            "{\"type\":\"conversation.close\",\"externalId\":17,\"conversationId\":1}"})
    void everyMessageCarriesAnExternalId(String body) {
        assertCode("inbound.external-id", body);
    }

    @Test
    void anExternalIdIsAtMostAHundredCharacters() {
        var id = "x".repeat(101);
        assertCode("inbound.external-id",
                "{\"type\":\"conversation.close\",\"externalId\":\"" + id + "\",\"conversationId\":1}");
        InboundMessage.parse("{\"type\":\"conversation.close\",\"externalId\":\"" + id.substring(1)
                + "\",\"conversationId\":1}");
    }

    @Test
    void aVisitorMessageWithoutTextIsRefused() {
        assertCode("inbound.text", """
                {"type":"visitor.message","externalId":"x","inbox":"Sales","visitor":{"externalId":"c"}}""");
    }

    @Test
    void aVisitorMessageWithoutVisitorOrInboxIsRefused() {
        assertCode("inbound.target", """
                {"type":"visitor.message","externalId":"x","inbox":"Sales","text":"Hi"}""");
        assertCode("inbound.target", """
                {"type":"visitor.message","externalId":"x","visitor":{"externalId":"c"},"text":"Hi"}""");
    }

    @Test
    void aVisitorMessageCannotNameAConversation() {
        assertCode("inbound.target", """
                {"type":"visitor.message","externalId":"x","inbox":"S","visitor":{"externalId":"c"},
                 "conversationId":3,"text":"Hi"}""");
    }

    @Test
    void aVisitorWithoutItsOwnExternalIdIsRefused() {
        assertCode("inbound.visitor", """
                {"type":"visitor.message","externalId":"x","inbox":"S","visitor":{"name":"Ada"},"text":"Hi"}""");
        assertCode("inbound.visitor", """
                {"type":"visitor.message","externalId":"x","inbox":"S","visitor":"c","text":"Hi"}""");
        assertCode("inbound.visitor", """
                {"type":"visitor.message","externalId":"x","inbox":"S","visitor":{"externalId":"c","name":5},
                 "text":"Hi"}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"system.message\",\"externalId\":\"x\",\"text\":\"t\"}",
            "{\"type\":\"system.message\",\"externalId\":\"x\",\"inbox\":\"S\",\"text\":\"t\"}",
            "{\"type\":\"system.message\",\"externalId\":\"x\",\"visitor\":{\"externalId\":\"c\"},\"text\":\"t\"}",
            "{\"type\":\"conversation.close\",\"externalId\":\"x\",\"conversationId\":1,\"inbox\":\"S\","
                    + "\"visitor\":{\"externalId\":\"c\"}}",
            "{\"type\":\"conversation.close\",\"externalId\":\"x\",\"conversationId\":1,\"inbox\":\"S\"}"})
    void aSystemMessageOrCloseNamesItsConversationExactlyOneWay(String body) {
        assertCode("inbound.target", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1.5", "\"12\"", "99999999999999999999"})
    void aConversationIdIsAPositiveInteger(String id) {
        assertCode("inbound.conversation-id",
                "{\"type\":\"conversation.close\",\"externalId\":\"x\",\"conversationId\":" + id + "}");
    }

    @Test
    void aSystemMessageWithoutTextIsRefused() {
        assertCode("inbound.text", """
                {"type":"system.message","externalId":"x","conversationId":1}""");
        assertCode("inbound.text", """
                {"type":"system.message","externalId":"x","conversationId":1,"text":["a"]}""");
    }

    @Test
    void everyRefusalIsAnInvalidRequest() {
        var refused = assertThrows(RequestRejectedException.class, () -> InboundMessage.parse("nope"));
        assertEquals(RequestRejectedException.Kind.INVALID, refused.kind());
    }

    private static void assertCode(String code, String body) {
        var refused = assertThrows(RequestRejectedException.class, () -> InboundMessage.parse(body), body);
        assertEquals(code, refused.code(), refused.getMessage());
    }

    @Test
    void aBodyWithoutExternalIdTakesTheDuplicateIdHeader() {
        var message = InboundMessage.parse("""
                {"type":"conversation.close","conversationId":5}""", "crm-dup-1");

        assertEquals("crm-dup-1", message.externalId());
    }

    @Test
    void theBodysExternalIdWinsOverTheDuplicateIdHeader() {
        var message = InboundMessage.parse("""
                {"type":"conversation.close","externalId":"crm-body","conversationId":5}""", "crm-header");

        assertEquals("crm-body", message.externalId());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void aDuplicateIdHeaderThatIsNoValidIdIsRefused(int length) {
        var header = length == 0 ? " " : "x".repeat(length);
        var e = assertThrows(RequestRejectedException.class, () -> InboundMessage.parse("""
                {"type":"conversation.close","conversationId":5}""", header));

        assertEquals("inbound.external-id", e.code());
    }

    @Test
    void withoutBothTheExternalIdIsMissing() {
        var e = assertThrows(RequestRejectedException.class, () -> InboundMessage.parse("""
                {"type":"conversation.close","conversationId":5}""", null));

        assertEquals("inbound.external-id", e.code());
    }
}
