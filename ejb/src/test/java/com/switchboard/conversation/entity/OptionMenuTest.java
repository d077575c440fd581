package com.switchboard.conversation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OptionMenuTest {

    @Test
    void labelsAreTidiedAndKeptInOrder() {
        assertEquals(List.of("Billing", "A  problem".replaceAll("\\s+", " ")),
                OptionMenu.validate(List.of(" Billing ", "A  problem")));
    }

    @Test
    void menusOfTheWrongSizeOrWithBrokenLabelsAreRefused() {
        assertEquals("message.options", code(List.of("only one")));
        assertEquals("message.options", code(IntStream.rangeClosed(1, 11).mapToObj(i -> "o" + i).toList()));
        assertEquals("message.options", code(null));
        assertEquals("message.option", code(List.of("fine", " ")));
        assertEquals("message.option", code(List.of("fine", "x".repeat(101))));
        assertEquals("message.option", code(Arrays.asList("fine", null)));
        assertEquals("message.option-repeated", code(List.of("Yes", "yes ")));
    }

    @Test
    void aPickIsRecordedOnceAndMustNameAnOption() {
        var message = new Message(null, 1, AuthorType.AGENT, "Which?", null, null, Instant.now());
        assertEquals("message.no-options", assertThrows(RequestRejectedException.class,
                () -> message.pick(0, Instant.now())).code());
        message.offer(List.of("Billing", "Delivery"));

        assertEquals("message.option-unknown", assertThrows(RequestRejectedException.class,
                () -> message.pick(2, Instant.now())).code());
        assertEquals("message.option-unknown", assertThrows(RequestRejectedException.class,
                () -> message.pick(-1, Instant.now())).code());
        assertEquals("Delivery", message.pick(1, Instant.now()));
        assertEquals(1, message.getPickedOption());
        assertEquals("message.option-picked", assertThrows(RequestRejectedException.class,
                () -> message.pick(0, Instant.now())).code());
        assertEquals(1, message.getPickedOption(), "the first pick stands");
    }

    private static String code(List<String> options) {
        return assertThrows(RequestRejectedException.class, () -> OptionMenu.validate(options)).code();
    }
}
