package com.switchboard.conversation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.persistence.control.IdBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    /** Hands out blocks as the table would, one after the other, or fails once when told to. */
    private static final class Blocks extends IdBlocks {
        final List<Long> reserved = new ArrayList<>();
        long next = 1;
        boolean failNext;

        @Override
        public long reserve(String kind, int size) {
            assertEquals(MessageIds.KIND, kind);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the database is away");
            }
            reserved.add(next);
            next += size;
            return next - size;
        }
    }

    @Test
    void idsComeFromOneReservedBlockUntilItIsUsedUp() {
        var blocks = new Blocks();
        blocks.next = 500;
        var ids = new MessageIds();
        ids.blocks = blocks;

        var given = LongStream.range(0, MessageIds.BLOCK + 1).map(i -> ids.next()).boxed().toList();

        assertEquals(LongStream.range(500, 500 + MessageIds.BLOCK + 1).boxed().toList(), given);
        assertEquals(List.of(500L, 500L + MessageIds.BLOCK), blocks.reserved, "a second block once the first ran out");
    }

    @Test
    void aReservationThatFailedIsTriedAgainByTheNextMessage() {
        var blocks = new Blocks();
        blocks.failNext = true;
        var ids = new MessageIds();
        ids.blocks = blocks;

        assertThrows(IllegalStateException.class, ids::next);

        assertEquals(1L, ids.next());
        assertEquals(2L, ids.next());
        assertEquals(List.of(1L), blocks.reserved);
    }
}
