package com.switchboard.visitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.switchboard.visitor.entity.Network;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlocksInForceTest {

    private static final long ADA = 1;
    private static final long BOB = 2;

    /** The database's blocks in force as the test sets them, counting the reads. */
    private static final class StoredRules extends BlockRules {
        final List<BlocksInForce.Rule> rules = new ArrayList<>();
        Runnable duringRead = () -> { };
        int reads;

        @Override
        public List<BlocksInForce.Rule> inForce() {
            reads++;
            duringRead.run();
            duringRead = () -> { };
            return List.copyOf(rules);
        }
    }

    private final StoredRules stored = new StoredRules();
    private final BlocksInForce blocks = new BlocksInForce();

    BlocksInForceTest() {
        blocks.blockRules = stored;
    }

    @Test
    void aVisitorsBlockCoversThemUntilItEnds() {
        stored.rules.add(new BlocksInForce.Rule(ADA, null, Instant.now().plus(Duration.ofMinutes(5))));
        stored.rules.add(new BlocksInForce.Rule(BOB, null, Instant.now().minusSeconds(1)));

        assertTrue(blocks.blocks(ADA, "198.51.100.7"));
        assertFalse(blocks.blocks(BOB, "198.51.100.7"), "Bob's block has ended (the database no longer says so yet)");
        assertFalse(blocks.blocks(3, "198.51.100.7"));
    }

    @Test
    void aBlockForGoodNeverEnds() {
        stored.rules.add(new BlocksInForce.Rule(ADA, null, null));

        assertTrue(blocks.blocks(ADA, null));
    }

    @Test
    void aNetworkBlockCoversEveryAddressInIt() {
        stored.rules.add(new BlocksInForce.Rule(null, new Network("198.51.100.0/24"), null));

        assertTrue(blocks.blocks(ADA, "198.51.100.23"));
        assertTrue(blocks.blocks(BOB, "198.51.100.200"));
        assertFalse(blocks.blocks(ADA, "203.0.113.5"));
        assertFalse(blocks.blocks(ADA, null), "no known address is in no network");
    }

    @Test
    void theBlocksAreReadOnceUntilAChange() {
        assertFalse(blocks.blocks(ADA, "198.51.100.7"));
        stored.rules.add(new BlocksInForce.Rule(ADA, null, null));
        assertFalse(blocks.blocks(ADA, "198.51.100.7"), "kept: nothing announced the block yet");
        assertEquals(1, stored.reads);

        blocks.changed();
        assertTrue(blocks.blocks(ADA, "198.51.100.7"));
        assertTrue(blocks.blocks(ADA, "198.51.100.7"));
        assertEquals(2, stored.reads);
    }

    @Test
    void aReadThatAChangeOverlapsIsNotUsedAgain() {
        // The block commits, and is announced, while the rules are being read: that read may have missed it.
        stored.duringRead = () -> {
            stored.rules.add(new BlocksInForce.Rule(ADA, null, null));
            blocks.changed();
        };
        blocks.blocks(ADA, "198.51.100.7");

        assertTrue(blocks.blocks(ADA, "198.51.100.7"));
        assertEquals(2, stored.reads);
        assertTrue(blocks.blocks(ADA, "198.51.100.7"));
        assertEquals(2, stored.reads);
    }
}
