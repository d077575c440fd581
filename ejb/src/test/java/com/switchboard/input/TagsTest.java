package com.switchboard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void tagsCompareWithoutCaseAndExtraBlanks() {
        assertEquals(Set.of("vip", "order issue", "größe-42"),
                Tags.normalise("conversation", List.of("VIP", " vip ", "Order   Issue", "Größe-42")));
        assertEquals(Set.of(), Tags.normalise("conversation", null));
    }

    @Test
    void brokenTagsAreNamed() {
        for (var bad : List.of("", " ", "#hash", "-dash", "t".repeat(51), "semi;colon")) {
            assertEquals("conversation.tag",
                    assertThrows(RequestRejectedException.class, () -> Tags.normalise("conversation", List.of(bad))).code(), bad);
        }
        var tooMany = IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).toList();
        assertEquals("conversation.tags", assertThrows(RequestRejectedException.class,
                () -> Tags.normalise("conversation", tooMany)).code());
        assertEquals("visitor.tags", assertThrows(RequestRejectedException.class,
                () -> Tags.normalise("visitor", tooMany)).code());
    }
}
